from rest_framework import serializers

# The detail routes: slugged resources take an id or a slug, the others an id.
BY_ID_OR_SLUG = {"article", "actor", "place", "incident"}


def detail_url(basename: str) -> serializers.HyperlinkedIdentityField:
    """The absolute, versioned URL of a resource's detail view (always by id: ids never change)."""
    kwarg = "id_or_slug" if basename in BY_ID_OR_SLUG else "pk"
    return serializers.HyperlinkedIdentityField(
        view_name=f"{basename}-detail", lookup_url_kwarg=kwarg
    )


class ReadModelSerializer(serializers.ModelSerializer):
    # A representation for reading: every field is read-only, so the schema marks each one as
    # always present. Writes will get their own serializers beside these.

    def get_extra_kwargs(self) -> dict[str, dict]:
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra

    def include_extra_kwargs(self, kwargs: dict, extra_kwargs: dict) -> dict:
        # DRF drops allow_blank from read-only fields, but "" is still a value a client
        # receives (a place without a point has precision ""): keep it in the schema.
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank:
            kwargs["allow_blank"] = True
        return kwargs
