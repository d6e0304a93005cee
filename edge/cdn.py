"""Site-wide purges for a CDN in front of the site, with the semantics the Varnish edge has:
on every live change, everything the CDN keeps for the site goes.

Wagtail's frontend-cache backends purge a page's own addresses only (through the task queue),
which leaves listings, the home page, the feed and the other language stale; these send the
one request each CDN offers for "everything":
- Cloudflare: `purge_everything` for the zone (CLOUDFLARE_API_TOKEN, CLOUDFLARE_ZONE_ID);
- CloudFront: an invalidation of `/*` (CLOUDFRONT_DISTRIBUTION_ID, credentials as boto3 finds
  them: the environment, an instance role...).
Each raises CdnPurgeFailed, which sending.py treats as any failed purge (logged, retried).
"""

import json
import time
import urllib.error
import urllib.request

from django.conf import settings


class CdnPurgeFailed(Exception):
    pass


def configured_senders():
    senders = []
    if settings.CLOUDFLARE_API_TOKEN and settings.CLOUDFLARE_ZONE_ID:
        senders.append(purge_cloudflare_zone)
    if settings.CLOUDFRONT_DISTRIBUTION_ID:
        senders.append(invalidate_cloudfront_distribution)
    return senders


def purge_cloudflare_zone():
    api = settings.CLOUDFLARE_API_URL.rstrip("/")
    url = f"{api}/zones/{settings.CLOUDFLARE_ZONE_ID}/purge_cache"
    # The address is the API's, from the settings, never from a request.
    request = urllib.request.Request(  # noqa: S310
        url,
        data=json.dumps({"purge_everything": True}).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.EDGE_PURGE_TIMEOUT_SECONDS
        ) as response:
            answer = json.loads(response.read() or b"{}")
    except (OSError, ValueError) as error:
        raise CdnPurgeFailed(f"Cloudflare zone {settings.CLOUDFLARE_ZONE_ID}: {error}") from error
    if not answer.get("success"):
        raise CdnPurgeFailed(
            f"Cloudflare zone {settings.CLOUDFLARE_ZONE_ID}: {answer.get('errors') or answer}"
        )


def invalidate_cloudfront_distribution():
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    timeout = settings.EDGE_PURGE_TIMEOUT_SECONDS
    client = boto3.client(
        "cloudfront",
        config=Config(connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 1}),
    )
    try:
        client.create_invalidation(
            DistributionId=settings.CLOUDFRONT_DISTRIBUTION_ID,
            InvalidationBatch={
                # One path, however many objects it covers, counts as one invalidation path.
                "Paths": {"Quantity": 1, "Items": ["/*"]},
                "CallerReference": f"clinic-{time.time_ns()}",
            },
        )
    except (BotoCoreError, ClientError) as error:
        raise CdnPurgeFailed(
            f"CloudFront distribution {settings.CLOUDFRONT_DISTRIBUTION_ID}: {error}"
        ) from error
