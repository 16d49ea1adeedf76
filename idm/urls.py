from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("IDM workshops — Secretariat")
admin.site.site_title = _("IDM Secretariat")
admin.site.index_title = _("Workshops, agendas, speakers and documents")
# The sidebar repeats the index's links and took a fifth of a 1280 px window from every list and edit page.
admin.site.enable_nav_sidebar = False

handler403 = "idm.core.error_pages.permission_denied"
handler404 = "idm.core.error_pages.page_not_found"
handler500 = "idm.core.error_pages.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("speakers/", include("speakers.urls")),
    path("reports/", include("reports.urls")),
    path("", include("workshops.urls")),
)
# No route serves MEDIA_ROOT, not even while debugging: documents are downloaded only through
# workshops:document-download, which checks that the reader may see them.
