def points_home_figures(year):
    return []


def profile_section_context(deputy):
    return {}
