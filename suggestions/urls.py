from django.urls import path

from suggestions import views

app_name = "suggestions"
urlpatterns: list = [
    path("", views.home_figures, name="list"),
    path("ranking/", views.home_figures, name="ranking"),
    path("unit/", views.home_figures, name="unit-handlings"),
    path("handlings/<int:pk>/", views.home_figures, name="handling-detail"),
]
api_urlpatterns: list = []
