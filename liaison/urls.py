app_name = "liaison"

urlpatterns: list = []
api_urlpatterns: list = []
