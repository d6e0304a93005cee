# The clinic's edge cache, for Varnish 7.1 (Debian 12's package) with xkey from Debian's
# varnish-modules. docs/deploy.md ("Edge cache") explains the whole chain.
#
# What this file decides (the policy); what it serves (the site's host, the app servers and
# who may purge) comes from a clinic-site.vcl found on varnishd's vcl_path: local/ has the
# one for `make edge` (`make serve` on 127.0.0.1:8000); a deployment or a test writes its own.
#
# - Anonymous GET/HEAD answers that the app marks shareable (Cache-Control public or
#   s-maxage) are kept. Whether a page is personal is the app's word (private, no-store,
#   no-cache), never a URL pattern here: addresses change, the app's headers go with them.
# - A request with the site's session or CSRF cookie, any other method, and any answer that
#   sets a cookie pass straight through and are never stored.
# - Purges are soft (xkey.softpurge): a purged page is refetched at once while the app is
#   up, and still served, stale, while it is down. PURGE and BAN are taken only from the
#   `purgers` ACL.
# - A Host that is not the site's is refused, so no Host header can plant a page here.

vcl 4.1;

import directors;
import std;
import var;
import xkey;

# Each app server is probed on /healthz: 200 while it can serve (its database answers).
probe clinic_healthz {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

# Defines the backends and the round-robin director `clinic_app` (in vcl_init), the
# `purgers` ACL and `sub clinic_site`, which names the site's canonical host.
include "clinic-site.vcl";

sub vcl_recv {
    if (req.restarts == 0) {
        # Our own marks travel in request headers: never take them from a client.
        unset req.http.X-Clinic-Stale-OK;
        unset req.http.X-Clinic-Canonical-Host;
        unset req.http.X-Clinic-Gzip;
    }
    call clinic_site;
    call clinic_normalise_host;
    set req.backend_hint = clinic_app.backend();

    if (req.method == "PURGE" || req.method == "BAN") {
        call clinic_purge;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The site's own cookies mean a visitor with a session (staff, a private page's
    # password) or a CSRF token of their own: their pages are theirs.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Any other cookie is not the site's (analytics, a browser extension's): the app never
    # reads it, so the cached copy must not depend on it.
    unset req.http.Cookie;
    call clinic_normalise_accept_encoding;

    # Stale pages only while the app cannot answer: with a healthy app a purged or expired
    # page is fetched afresh before it is served, so a change shows at once.
    # (req.grace outlives a restart: set it either way.)
    if (std.healthy(req.backend_hint) && !req.http.X-Clinic-Stale-OK) {
        set req.grace = 0s;
    } else {
        set req.grace = 24h;
    }
    return (hash);
}

sub clinic_normalise_host {
    # The visitor's host name, without a port, must be the site's; the app then sees the
    # site's host exactly as its root URL names it, so its own page cache answers.
    set req.http.Host = std.tolower(regsub(req.http.Host, ":[0-9]+$", ""));
    if (req.http.Host != regsub(req.http.X-Clinic-Canonical-Host, ":[0-9]+$", "")) {
        return (synth(400, "Unknown host"));
    }
    set req.http.Host = req.http.X-Clinic-Canonical-Host;
}

sub clinic_normalise_accept_encoding {
    # Two copies at most: gzipped for clients that take gzip (every browser), plain for the
    # rest, so neither is compressed or unzipped per request (vcl_hash, vcl_backend_response).
    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
        set req.http.X-Clinic-Gzip = "1";
    } else {
        unset req.http.Accept-Encoding;
        unset req.http.X-Clinic-Gzip;
    }
}

sub clinic_purge {
    if (client.ip !~ purgers) {
        return (synth(405, "Not allowed"));
    }
    if (req.method == "BAN") {
        # Removes every copy at once, stale ones too: for content that must not be served
        # even while the app is down. A content change uses PURGE.
        ban("obj.http.X-Clinic-Host == " + req.http.Host);
        return (synth(200, "Banned"));
    }
    set req.http.X-Clinic-Purged = xkey.softpurge("site:" + req.http.Host);
    return (synth(200, "Purged " + req.http.X-Clinic-Purged));
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    # A redirect to https must never answer an https request, nor the reverse.
    hash_data(req.http.X-Forwarded-Proto);
    hash_data(req.http.X-Clinic-Gzip);
    return (lookup);
}

sub vcl_backend_fetch {
    unset bereq.http.X-Clinic-Stale-OK;
    unset bereq.http.X-Clinic-Canonical-Host;
}

sub vcl_backend_response {
    if (beresp.status >= 500 && !bereq.uncacheable) {
        # The app failed (its database is down). Delivering this answer would replace the
        # copy kept in grace; abandoning it keeps that copy, and the client side
        # (vcl_synth) asks again, allowed a stale one.
        return (abandon);
    }
    if (beresp.http.Set-Cookie) {
        call clinic_never_store;
    }
    if (beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        call clinic_never_store;
    }
    if (beresp.http.Cache-Control !~ "(public|s-maxage)") {
        # Not marked shareable by the app: not ours to keep.
        call clinic_never_store;
    }
    if (beresp.http.Vary == "*" || beresp.http.Vary ~ "(?i)cookie") {
        call clinic_never_store;
    }
    # The TTL is the app's s-maxage; a purge ends it early. Grace is for outages only
    # (vcl_recv), so it may be long.
    set beresp.grace = 24h;
    set beresp.http.xkey = "site:" + bereq.http.Host;
    set beresp.http.X-Clinic-Host = bereq.http.Host;
    if (bereq.http.X-Clinic-Gzip
        && beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss|atom|javascript)|image/svg)") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub clinic_never_store {
    # Remembered for two minutes as "fetch every time", so requests for it are not queued
    # behind one another.
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_backend_error {
    # A server that does not answer: try the next one first.
    if (bereq.retries < 1) {
        return (retry);
    }
    if (!bereq.uncacheable) {
        # As above: keep the copy in grace, and let vcl_synth serve it or the error page.
        return (abandon);
    }
    call clinic_error_page;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.xkey;
    unset resp.http.X-Clinic-Host;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    if (resp.status == 503 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD")) {
        # The app could not answer (a fetch was abandoned): once more, allowed a stale copy.
        set req.http.X-Clinic-Stale-OK = "1";
        return (restart);
    }
    if (resp.status == 503) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "60";
        set resp.http.Cache-Control = "no-store";
        set resp.body = var.global_get("clinic_error_page");
        return (deliver);
    }
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}

sub clinic_error_page {
    set beresp.status = 503;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "60";
    set beresp.http.Cache-Control = "no-store";
    set beresp.body = var.global_get("clinic_error_page");
}

sub vcl_init {
    # Varnish's own error page (the app is down and nothing is kept for the address), in
    # English and Spanish, with the crisis numbers the app's 503 page gives (templates/503.html
    # and error_base.html, their Spanish from locale/es): no one in crisis meets a bare error.
    var.global_set("clinic_error_page", {"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Temporarily unavailable / No disponible por el momento</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
.help{border-left:.4rem solid #b50909;background:#fdf1f1;padding:.75rem 1rem;margin:1.5rem 0}
a{color:#0b4f8a}
</style>
</head>
<body>
<main>
<h1>We'll be back in a moment</h1>
<p>Our website is briefly unavailable. Nothing you sent before now has been lost; please try again in a few minutes.</p>
<div class="help">
<p><strong>If you need help now, don't wait for the website</strong></p>
<p>In an emergency call <a href="tel:911">911</a>.
In a mental-health crisis call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline).
Chat: <a href="https://988lifeline.org/chat/" rel="noopener">988lifeline.org</a>
Or text HOME to 741741 (Crisis Text Line).</p>
</div>
<div lang="es">
<h2>Volvemos en un momento</h2>
<p>Nuestro sitio web no está disponible por unos momentos. No se ha perdido nada de lo que nos envió antes; vuelva a intentarlo en unos minutos.</p>
<div class="help">
<p><strong>Si necesita ayuda ahora, no espere a que el sitio web funcione</strong></p>
<p>En una emergencia, llame al <a href="tel:911">911</a>.
En una crisis de salud mental, llame al <a href="tel:988">988</a> y oprima el 2, o envíe AYUDA al <a href="sms:988">988</a> por mensaje de texto.
Chat: <a href="https://988lineadevida.org/" rel="noopener">988lineadevida.org</a>
O envíe AYUDA al 741741 por mensaje de texto (Crisis Text Line).</p>
</div>
</div>
</main>
</body>
</html>
"});
}
