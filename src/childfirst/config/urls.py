from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView


class GovukAssetRedirect(RedirectView):
    """GOV.UK Frontend's compiled CSS asks for /assets/...; send it to the static copy (RECIPES.md §4)."""

    permanent = False

    def get_redirect_url(self, *args: object, **kwargs: object) -> str:
        return static(f"govuk/assets/{kwargs['path']}")


urlpatterns = [
    path("api/v1/", include("childfirst.api.urls")),
    path("custody/", include("childfirst.custody.urls")),
    path("analytics/", include("childfirst.analytics.urls")),
    path("opendata/", include("childfirst.opendata.urls")),
    path("django-admin/", admin.site.urls),
    re_path(r"^assets/(?P<path>.+)$", GovukAssetRedirect.as_view()),
    path("", include("childfirst.web.urls")),
]
