"""Pagination: page numbers with a capped page size, and a cursor for whole-collection walks."""

from rest_framework import pagination
from rest_framework.exceptions import ValidationError

MAX_PAGE_SIZE = 500


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        # DRF silently clamps or ignores a bad page_size; a client asking for 10,000 rows
        # should learn it gets at most 500, so bad values are a 400 naming the parameter.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError(
                {self.page_size_query_param: ["A whole number is required."]}
            ) from None
        if size < 1:
            raise ValidationError({self.page_size_query_param: ["Must be at least 1."]})
        if size > self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"Must be at most {self.max_page_size}."]}
            )
        return size
