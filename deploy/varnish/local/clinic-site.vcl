# What the edge serves, for `make edge` on this machine (`make serve` on 127.0.0.1:8000):
# clinic.vcl includes "clinic-site.vcl" from varnishd's vcl_path, and `make edge` puts this
# folder there. A deployment writes its own (its servers, its host, who may purge) in a folder
# of its own (/etc/varnish), and keeps clinic.vcl as it is.

# One backend per app server, each probed on /healthz (the probe is in clinic.vcl). The
# probe's Host is the site's, which the app's ALLOWED_HOSTS accepts.
backend clinic_app_1 {
    .host = "127.0.0.1";
    .port = "8000";
    .host_header = "127.0.0.1:8000";
    .probe = clinic_healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

sub vcl_init {
    new clinic_app = directors.round_robin();
    clinic_app.add_backend(clinic_app_1);
}

# Who may PURGE and BAN: the app's own hosts.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub clinic_site {
    # The site's host as its root URL names it (Settings > Sites; WAGTAILADMIN_BASE_URL),
    # port included when it has one.
    set req.http.X-Clinic-Canonical-Host = "127.0.0.1:8000";
}
