"""Project URLs. Each domain app contributes `urlpatterns` (site pages under /<app>/) and
`api_urlpatterns` (under /api/v1/<app>/) from its urls.py; no app includes another's."""

from importlib import import_module

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

from congress import api, apidocs, preferences, views
from congress.drf import Router

router = Router()
router.register("streets", api.StreetApi, basename="street")
router.register("communities", api.CommunityApi, basename="community")
router.register("organizations", api.OrganizationApi, basename="organization")
router.register("terms", api.TermApi, basename="term")
router.register("sessions", api.SessionApi, basename="session")
router.register("deputies", api.DeputyApi, basename="deputy")
router.register("organization-contacts", api.OrganizationContactApi, basename="organization-contact")

api_patterns = [
    path("", include(router.urls)),
    path("auth/token/", api.ApiTokenView.as_view(), name="api-token"),
    path("publications/", api.PublicationListApi.as_view(), name="publications"),
]
site_patterns = [
    path("", views.home, name="home"),
    path("deputies/", views.deputy_list, name="deputy-list"),
    path("deputies/<int:pk>/", views.deputy_detail, name="deputy-detail"),
    path("search/", views.search, name="search"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/second-factor/", views.second_factor_status_page, name="second-factor"),
    path("accounts/second-factor/verify/", views.second_factor_verify_page, name="second-factor-verify"),
    path("accounts/second-factor/setup/", views.second_factor_setup_page, name="second-factor-setup"),
    path("accounts/second-factor/recovery-codes/", views.second_factor_recovery_codes_page,
         name="second-factor-recovery-codes"),
    path("accounts/second-factor/recovery-codes/new/", views.second_factor_recovery_codes_new,
         name="second-factor-recovery-codes-new"),
    path("my/", views.my_work, name="my-work"),
    path("my/unit/", views.my_unit_contact, name="my-unit"),
    path("my/unit/<int:pk>/", views.unit_contact_edit, name="unit-contact-edit"),
    path("my/notices/", views.notice_list, name="notice-list"),
    path("my/notices/read/", views.notices_read, name="notices-read"),
    path("my/notices/<int:pk>/", views.notice_open, name="notice-open"),
    # Inside the language prefix, so switching from /en/… back to Chinese can translate the page's URL
    # (Django's set_language resolves `next` in the language of the request).
    path("i18n/setlang/", preferences.language_set, name="set_language"),
    path("open-data/", views.open_data, name="open-data"),
    path("open-data/<str:quarter>/<int:revision>/<slug:key>.<str:fmt>", views.open_data_revision,
         name="open-data-revision"),
]

for app_name in settings.DOMAIN_APPS:
    module = import_module(f"{app_name}.urls")
    site_patterns.append(path(f"{app_name}/", include((module.urlpatterns, app_name))))
    api_patterns.append(path(f"{app_name}/", include((getattr(module, "api_urlpatterns", []), f"{app_name}-api"))))

urlpatterns = [
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", include(api_patterns)),
    path("api/schema/", apidocs.SchemaView.as_view(), name="schema"),
    path("api/docs/", apidocs.SwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", apidocs.RedocView.as_view(url_name="schema"), name="api-redoc"),
    path("api/redoc-assets/bundles/redoc.standalone.js", apidocs.redoc_bundle, name="api-redoc-bundle"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers and feed readers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", views.favicon),
    path("care-mode/", preferences.care_mode_set, name="care-mode"),
    *i18n_patterns(*site_patterns, prefix_default_language=False),
]
# Deputies' photos are public and small: the portal serves them itself (no separate web server on
# the intranet). Nothing else under MEDIA_ROOT is served; private uploads live in PRIVATE_MEDIA_ROOT
# and are only handed out by scoped views.
urlpatterns.append(re_path(
    rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>deputies/[^/]+)$", serve, {"document_root": settings.MEDIA_ROOT}))

handler400 = "congress.views.bad_request"
handler403 = "congress.views.permission_denied"
handler404 = "congress.views.page_not_found"
handler500 = "congress.views.server_error"
