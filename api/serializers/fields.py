from rest_framework import serializers

# The detail routes: slugged resources take an id or a slug, the others an id.
BY_ID_OR_SLUG = {"article", "actor", "place", "incident"}


def detail_url(basename: str) -> serializers.HyperlinkedIdentityField:
    """The absolute, versioned URL of a resource's detail view (always by id: ids never change)."""
    kwarg = "id_or_slug" if basename in BY_ID_OR_SLUG else "pk"
    return serializers.HyperlinkedIdentityField(
        view_name=f"{basename}-detail", lookup_url_kwarg=kwarg
    )
