"""The uploaded files (images, documents, renditions) under MEDIA_ROOT.

Media on S3-compatible storage are not copied: the bucket keeps them, with versioning on
(docs/deploy.md), and a restore leaves it alone."""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage


def on_local_disk():
    return isinstance(default_storage, FileSystemStorage)


def media_root():
    return Path(settings.MEDIA_ROOT)


def files():
    """(path relative to MEDIA_ROOT, absolute path) of every file, in a stable order."""
    root = media_root()
    if not on_local_disk() or not root.is_dir():
        return []
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return found


def has_files():
    return bool(on_local_disk() and media_root().is_dir() and any(media_root().iterdir()))


def replace_with(staged):
    """Make MEDIA_ROOT hold exactly the files of `staged` (emptied, then filled), which also
    works when MEDIA_ROOT is a mount point that cannot be renamed."""
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if staged.is_dir():
        for child in staged.iterdir():
            shutil.move(str(child), root / child.name)
