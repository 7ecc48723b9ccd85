import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cica.settings")

application = get_wsgi_application()

# The digest of the release that every shared page's ETag holds reads every file of the code:
# once as the worker starts, not on its first reader's request.
from cica.core.release import release  # noqa: E402 - needs the settings configured above

release()
