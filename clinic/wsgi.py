import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_wsgi_application()


def freeze_loaded_code():
    """Import every view now, then move all that is loaded out of the garbage collector's
    reach. The site's code is some 195,000 objects that live as long as the process, and a full
    collection walked them all: about 100 ms, in whichever visitor's request it fell
    (bench/safety_bench.py). gunicorn imports this module once before forking its workers
    (preload_app), so each worker starts with them frozen and shares their memory pages."""
    import_module(settings.ROOT_URLCONF)
    gc.freeze()


freeze_loaded_code()
