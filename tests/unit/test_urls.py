import pytest

from remote_gp.gp_core import AddressError
from remote_gp.gp_core.urls import parse_service_address, rest_root, task_url


@pytest.mark.parametrize(
    "text, root, service",
    [
        ("http://flame7/arcgis/services;GP/BufferByVal", "http://flame7/arcgis/rest/services", "GP/BufferByVal"),
        ("http://flame7/arcgis/services;SlopeByVal", "http://flame7/arcgis/rest/services", "SlopeByVal"),
        ("https://h:6443/arcgis/rest/services;GP/B/GPServer", "https://h:6443/arcgis/rest/services", "GP/B"),
        ("https://h/server/rest/services/GP/BufferByVal/GPServer", "https://h/server/rest/services", "GP/BufferByVal"),
        (
            "https://h/server/rest/services/GP/BufferByVal/GPServer/Buffer%20Points?f=json",
            "https://h/server/rest/services",
            "GP/BufferByVal",
        ),
        (
            "http://flame7/arcgis/services/GP/BufferByVal/GPServer",
            "http://flame7/arcgis/rest/services",
            "GP/BufferByVal",
        ),
    ],
)
def test_every_arcpy_address_form_names_the_rest_service(text, root, service):
    address = parse_service_address(text)
    assert (address.rest_root, address.service) == (root, service)
    assert address.service_url == f"{root}/{service}/GPServer"


def test_credentials_in_the_address_are_kept_but_never_shown():
    signed = parse_service_address("http://flame7/arcgis/services;GP/BufferByVal;ann;s3cret")
    assert (signed.username, signed.password) == ("ann", "s3cret")
    assert "s3cret" not in repr(signed)
    tokened = parse_service_address("http://flame7/arcgis/services;GP/BufferByVal;token=abc.DEF;https://app")
    assert (tokened.token, tokened.referer) == ("abc.DEF", "https://app")
    assert "abc.DEF" not in repr(tokened)


@pytest.mark.parametrize(
    "text",
    [
        "flame7;GP/B",
        "http://flame7/arcgis/services;",
        "http://h/arcgis/services;GP/B;user",
        "http://h/arcgis/services;GP/B;user;secretpart;extra",
        "https://h/arcgis/rest/services/GP",
    ],
)
def test_unreadable_addresses_say_which_forms_work_and_hide_secrets(text):
    with pytest.raises(AddressError) as caught:
        parse_service_address(text)
    assert "secretpart" not in str(caught.value)
    assert "http" in str(caught.value)


def test_a_context_root_is_enough_to_find_the_rest_root():
    assert rest_root("http://127.0.0.1:8080/arcgis") == "http://127.0.0.1:8080/arcgis/rest/services"
    assert (
        rest_root("http://127.0.0.1:8080/arcgis/rest/services/GP?f=json")
        == "http://127.0.0.1:8080/arcgis/rest/services"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://h/arcgis/rest",
        "https://h/arcgis/REST/",
        "https://h/arcgis/rest/info?f=json",
        "https://h/arcgis/rest/services",
        "https://h/arcgis/services/GP",
        "https://h/arcgis/",
    ],
)
def test_the_rest_folder_and_urls_under_it_lead_to_the_same_rest_root(url):
    assert rest_root(url) == "https://h/arcgis/rest/services"


def test_a_folder_only_named_like_rest_is_part_of_the_context():
    assert rest_root("https://h/restricted/arcgis") == "https://h/restricted/arcgis/rest/services"


def test_task_names_with_spaces_and_slashes_are_one_encoded_segment():
    assert task_url("https://h/GPServer", "911 Calls Hotspot") == "https://h/GPServer/911%20Calls%20Hotspot"
    assert task_url("https://h/GPServer", "a/b") == "https://h/GPServer/a%2Fb"
