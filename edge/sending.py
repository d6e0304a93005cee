"""Sending a purge: one soft purge of everything each Varnish edge keeps for each site, and
everything a CDN keeps (edge/cdn.py). purging.py decides when; tasks.py retries failures."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

from edge import cdn

# Never through an HTTP proxy from the environment: the edge is reached directly.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class EdgePurgeFailed(Exception):
    pass


def is_enabled():
    return bool(settings.EDGE_PURGE_URLS or cdn.configured_senders())


def site_hosts():
    """Each site's host as its root URL names it: the Host the edge keeps its pages under."""
    hosts = {urlsplit(site.root_url).netloc.lower() for site in Site.objects.all()}
    return sorted(hosts) or [urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc.lower()]


def purge_edge():
    """Soft-purge everything every edge keeps for every site, and everything a CDN keeps
    (edge/cdn.py); EdgePurgeFailed naming each that failed, once all were tried."""
    failures = []
    hosts = site_hosts() if settings.EDGE_PURGE_URLS else []
    for url in settings.EDGE_PURGE_URLS:
        for host in hosts:
            try:
                send_purge(url, host)
            except EdgePurgeFailed as error:
                failures.append(str(error))
    for send in cdn.configured_senders():
        try:
            send()
        except cdn.CdnPurgeFailed as error:
            failures.append(str(error))
    if failures:
        raise EdgePurgeFailed("; ".join(failures))


def send_purge(url, host):
    # An address from the settings, never from a request.
    request = urllib.request.Request(url, method="PURGE", headers={"Host": host})  # noqa: S310
    try:
        with OPENER.open(request, timeout=settings.EDGE_PURGE_TIMEOUT_SECONDS) as response:
            response.read()
    except (OSError, urllib.error.HTTPError) as error:
        raise EdgePurgeFailed(f"{url} ({host}): {error}") from error
