

urlpatterns = []
api_urlpatterns = []
