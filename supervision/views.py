def supervision_home_figures(year):
    return []
