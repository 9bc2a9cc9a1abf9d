"""The error shape, as serializers: for the OpenAPI schema only (api.errors builds the body)."""

from rest_framework import serializers

from ..errors import ErrorType


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="A short machine-readable reason: `invalid`, `invalid_choice`, "
        "`max_value`, `not_found`..."
    )
    detail = serializers.CharField(help_text="What is wrong, for a person to read.")
    attr = serializers.CharField(
        allow_null=True,
        help_text="The query parameter or field at fault; null when the error is about "
        "the request as a whole.",
    )


class ErrorResponseSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ErrorType.choices)
    errors = ErrorSerializer(many=True)
