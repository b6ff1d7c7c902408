import pytest

from tyndau.accounts.models import Role


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_home_page_renders_in_each_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'lang="{lang}"' in response.content.decode()


@pytest.mark.django_db
def test_cast_is_built(cast):
    assert cast.official_a.has_any_role(Role.OFFICIAL)
    assert not cast.citizen.has_any_role(Role.OFFICIAL)
