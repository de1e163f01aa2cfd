"""Safe images: every stored original is free of location and camera metadata, and upright.

Uploads go through the Wagtail admin as pytest-django's `admin_client` (a superuser)."""

import hashlib
import io
import struct

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageSequence
from PIL.PngImagePlugin import PngInfo
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from images.metadata import ImageMetadataError, ImageTooLarge, strip_metadata
from images.models import CaseStudyImage

BLUE = (0, 0, 255)
RED = (255, 0, 0)
# Bytes of the test files' metadata, none of which may reach the storage.
TELLTALES = (
    b"Exif",
    b"http://ns.adobe.com/xap/1.0/",
    b"xmpmeta",
    b"Photoshop 3.0",
    b"8BIM",
    b"Canon",
    b"EOS 5D",
    b"Kabul",
    b"Amina",
)
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/"'
    b' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
    b' exif:GPSLatitude="34,31.2N" exif:GPSLongitude="69,10.3E"'
    b' photoshop:City="Kabul" photoshop:Credit="Amina"/>'
    b"</rdf:RDF></x:xmpmeta>"
    b'<?xpacket end="w"?>'
)


def camera_exif(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS 5D"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (34.0, 31.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (69.0, 10.0, 20.0)
    return exif


def two_colour_picture(mode="RGB", size=(60, 40)):
    """Left half blue, right half red: upright, a 90° clockwise turn puts blue on top."""
    width, height = size
    picture = Image.new(mode, size, RED)
    picture.paste(BLUE, (0, 0, width // 2, height))
    return picture


def iptc_segment():
    """An APP13 Photoshop segment holding an IPTC record with a city and a byline."""
    iptc = b""
    for dataset, value in ((90, b"Kabul"), (80, b"Amina")):
        iptc += b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(value)) + value
    if len(iptc) % 2:
        iptc += b"\x00"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    payload = b"Photoshop 3.0\x00" + resource + iptc
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_metadata():
    """A 60×40 JPEG taken by a 'Canon EOS 5D' in Kabul, stored on its side (orientation 6)."""
    output = io.BytesIO()
    two_colour_picture().save(
        output, "JPEG", quality=95, exif=camera_exif(), xmp=XMP, comment=b"Amina, Kabul"
    )
    data = output.getvalue()
    data = data[:2] + iptc_segment() + data[2:]  # right after SOI
    return data


def png_with_metadata():
    info = PngInfo()
    info.add_text("Author", "Amina")
    info.add_text("Location", "Kabul", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    output = io.BytesIO()
    two_colour_picture("RGBA").save(output, "PNG", pnginfo=info, exif=camera_exif())
    return output.getvalue()


def gif_cut_short():
    """Wagtail reads the first frame only, so it accepts a GIF whose second frame is cut short;
    that GIF cannot be rewritten."""
    output = io.BytesIO()
    frames = [Image.new("L", (30, 20), shade) for shade in (0, 128)]
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:])
    return output.getvalue()[:-6]


def png_chunk_types(data):
    types, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        types.append(data[position + 4 : position + 8])
        position += 12 + length
    return types


def stored_bytes(image):
    with image.file.storage.open(image.file.name, "rb") as stored:
        return stored.read()


def assert_clean_and_upright(image, expected_format):
    """The stored original has no metadata, is turned upright, and the model describes it."""
    data = stored_bytes(image)
    for telltale in TELLTALES:
        assert telltale not in data, telltale
    with Image.open(io.BytesIO(data)) as stored:
        stored.load()
        assert stored.format == expected_format
        assert len(stored.getexif()) == 0
        assert stored.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "comment"):
            assert key not in stored.info
        assert stored.size == (40, 60)  # turned a quarter clockwise: width and height swap
        rgb = stored.convert("RGB")
        assert_close(rgb.getpixel((20, 5)), BLUE)
        assert_close(rgb.getpixel((20, 55)), RED)
    assert (image.width, image.height) == (40, 60)
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324
    return data


def assert_close(colour, expected):
    assert all(abs(a - b) <= 8 for a, b in zip(colour, expected, strict=True)), colour


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def upload(admin_client, root_collection, name, data, **fields):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Mentor at work",
            "file": SimpleUploadedFile(name, data),
            "collection": root_collection.pk,
            **fields,
        },
    )


def test_wagtail_uses_the_case_study_image_model():
    assert get_image_model() is CaseStudyImage
    assert wagtail_factories.ImageFactory._meta.model is CaseStudyImage


def test_test_jpeg_carries_all_the_metadata():
    data = jpeg_with_metadata()
    with Image.open(io.BytesIO(data)) as original:
        exif = original.getexif()
        assert exif[ExifTags.Base.Make] == "Canon"
        assert exif[ExifTags.Base.Orientation] == 6
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
        assert b"http://ns.adobe.com/xap/1.0/" in data
        assert "photoshop" in original.info  # the IPTC block
        assert original.size == (60, 40)


def test_jpeg_uploaded_in_the_admin_is_stored_without_metadata(admin_client, root_collection):
    response = upload(admin_client, root_collection, "amina-kabul.jpg", jpeg_with_metadata())

    assert response.status_code == 302, response.content.decode()[:2000]
    image = CaseStudyImage.objects.get()
    assert image.title == "Mentor at work"
    assert image.file.name.endswith(".jpg")
    assert_clean_and_upright(image, "JPEG")


def test_png_uploaded_in_the_admin_is_stored_without_text_or_exif_chunks(
    admin_client, root_collection
):
    original = png_with_metadata()
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf"} <= set(png_chunk_types(original))

    response = upload(admin_client, root_collection, "amina.png", original)

    assert response.status_code == 302, response.content.decode()[:2000]
    image = CaseStudyImage.objects.get()
    data = assert_clean_and_upright(image, "PNG")
    chunks = set(png_chunk_types(data))
    assert not chunks & {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.mode == "RGBA"
        assert stored.text == {}


def test_multiple_upload_stores_the_file_without_metadata(admin_client, root_collection):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("amina.jpg", jpeg_with_metadata()),
            "collection": root_collection.pk,
        },
    )

    assert response.status_code == 200
    assert response.json()["success"]
    assert_clean_and_upright(CaseStudyImage.objects.get(), "JPEG")


def test_uploading_the_same_photo_twice_is_still_found_to_be_a_duplicate(
    admin_client, root_collection
):
    """The rewrite gives the same bytes for the same photo, so Wagtail's duplicate check, which
    compares file hashes, still works."""
    responses = [
        admin_client.post(
            reverse("wagtailimages:add_multiple"),
            {
                "files[]": SimpleUploadedFile("amina.jpg", jpeg_with_metadata()),
                "collection": root_collection.pk,
            },
        ).json()
        for _ in range(2)
    ]

    assert [response["duplicate"] for response in responses] == [False, True]
    first, second = CaseStudyImage.objects.order_by("pk")
    assert first.file_hash == second.file_hash


def test_replacing_the_file_in_the_admin_strips_the_new_file(admin_client, root_collection):
    image = wagtail_factories.ImageFactory(title="Old", collection=root_collection)

    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "New",
            "file": SimpleUploadedFile("amina.jpg", jpeg_with_metadata()),
            "collection": root_collection.pk,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.title == "New"
    assert_clean_and_upright(image, "JPEG")


def test_an_image_that_cannot_be_rewritten_is_refused_with_a_form_error(
    admin_client, root_collection
):
    response = upload(admin_client, root_collection, "broken.gif", gif_cut_short())

    assert response.status_code == 200
    assert "could not be cleared of its location and camera details" in response.content.decode()
    assert not CaseStudyImage.objects.exists()


def test_shows_identifiable_people_is_editable_in_the_admin(admin_client, root_collection):
    form = admin_client.get(reverse("wagtailimages:add")).content.decode()
    assert 'name="shows_identifiable_people"' in form
    assert "Shows people who could be identified" in form

    upload(
        admin_client,
        root_collection,
        "amina.jpg",
        jpeg_with_metadata(),
        shows_identifiable_people="on",
    )
    image = CaseStudyImage.objects.get()
    assert image.shows_identifiable_people is True

    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "collection": root_collection.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.shows_identifiable_people is False
    assert "shows_identifiable_people" in CaseStudyImage.admin_form_fields


def test_shows_identifiable_people_defaults_to_false(db):
    assert wagtail_factories.ImageFactory().shows_identifiable_people is False


def test_image_created_in_code_is_stored_without_metadata(root_collection):
    image = CaseStudyImage.objects.create(
        title="Mentor", file=ContentFile(jpeg_with_metadata(), name="amina.jpg")
    )

    image.refresh_from_db()
    assert_clean_and_upright(image, "JPEG")


def test_image_made_by_the_factory_is_stored_without_metadata(db):
    image = wagtail_factories.ImageFactory(
        file__from_file=io.BytesIO(png_with_metadata()), file__filename="amina.png"
    )

    assert_clean_and_upright(CaseStudyImage.objects.get(pk=image.pk), "PNG")


def test_file_already_in_the_storage_is_rewritten_and_the_raw_file_deleted(db):
    image = CaseStudyImage(title="Mentor")
    image.file.save("amina.jpg", ContentFile(jpeg_with_metadata()), save=False)
    raw_name = image.file.name
    storage = image.file.storage
    assert storage.exists(raw_name)

    image.save()

    assert image.file.name != raw_name
    assert not storage.exists(raw_name)
    assert_clean_and_upright(CaseStudyImage.objects.get(pk=image.pk), "JPEG")


def test_saving_without_a_new_file_leaves_the_stored_file_alone(db):
    image = CaseStudyImage.objects.create(
        title="Mentor", file=ContentFile(jpeg_with_metadata(), name="amina.jpg")
    )
    name, file_hash = image.file.name, image.file_hash

    image = CaseStudyImage.objects.get(pk=image.pk)
    image.title = "Renamed"
    image.save()
    image.set_focal_point(None)
    image.save(update_fields=["focal_point_x", "focal_point_y"])
    CaseStudyImage.objects.only("pk", "title").get(pk=image.pk).save()

    image.refresh_from_db()
    assert (image.file.name, image.file_hash) == (name, file_hash)
    assert image.file_hash == hashlib.sha1(stored_bytes(image)).hexdigest()  # noqa: S324


def test_renditions_carry_no_metadata(db):
    image = CaseStudyImage.objects.create(
        title="Mentor", file=ContentFile(jpeg_with_metadata(), name="amina.jpg")
    )

    rendition = image.get_rendition("width-20")

    with rendition.file.storage.open(rendition.file.name, "rb") as stored:
        data = stored.read()
    assert b"Exif" not in data and b"http://ns.adobe.com/xap/1.0/" not in data
    assert (rendition.width, rendition.height) == (20, 30)


def test_webp_is_rewritten_without_exif_or_xmp():
    output = io.BytesIO()
    two_colour_picture().save(output, "WEBP", lossless=True, exif=camera_exif(), xmp=XMP)

    clean = strip_metadata(output.getvalue())

    assert clean.format == "WEBP" and (clean.width, clean.height) == (40, 60)
    assert b"EXIF" not in clean.data and b"XMP " not in clean.data
    with Image.open(io.BytesIO(clean.data)) as stored:
        assert len(stored.getexif()) == 0
        assert stored.convert("RGB").getpixel((20, 5)) == BLUE  # lossless stays lossless


def test_animated_gif_keeps_its_frames_and_loses_comments_and_xmp():
    frames = [Image.new("P", (30, 20), colour) for colour in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 756)
    output = io.BytesIO()
    frames[0].save(
        output,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=0,
        comment=b"Amina, Kabul",
    )
    data = output.getvalue()
    # XMP in GIF: an application extension holding the raw packet and a "magic trailer".
    magic_trailer = b"\x01" + bytes(range(255, -1, -1)) + b"\x00"
    xmp = b"\x21\xff\x0bXMP DataXMP" + XMP + magic_trailer
    data = data[:-1] + xmp + b"\x3b" + b"trailing Kabul"
    assert b"Kabul" in data

    clean = strip_metadata(data)

    assert b"Kabul" not in clean.data and b"Amina" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as stored:
        assert stored.n_frames == 3
        assert "comment" not in stored.info
        durations = [frame.info["duration"] for frame in ImageSequence.Iterator(stored)]
        assert durations == [100, 200, 300]
        assert stored.info["loop"] == 0


def test_animated_png_keeps_its_frames():
    frames = [two_colour_picture("RGBA"), Image.new("RGBA", (60, 40), BLUE)]
    info = PngInfo()
    info.add_text("Location", "Kabul")
    output = io.BytesIO()
    frames[0].save(
        output,
        "PNG",
        save_all=True,
        append_images=frames[1:],
        duration=[100, 400],
        loop=2,
        pnginfo=info,
        exif=camera_exif(orientation=1),
    )

    clean = strip_metadata(output.getvalue())

    assert b"Kabul" not in clean.data and b"eXIf" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as stored:
        assert stored.n_frames == 2
        assert [frame.info["duration"] for frame in ImageSequence.Iterator(stored)] == [
            100,
            400,
        ]
        assert stored.info["loop"] == 2


def test_animated_webp_keeps_its_frames_and_timing():
    frames = [two_colour_picture("RGBA"), Image.new("RGBA", (60, 40), (0, 255, 0, 128))]
    output = io.BytesIO()
    frames[0].save(
        output,
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=[50, 150],
        loop=3,
        exif=camera_exif(),
        xmp=XMP,
    )

    clean = strip_metadata(output.getvalue())

    assert b"EXIF" not in clean.data and b"XMP " not in clean.data
    with Image.open(io.BytesIO(clean.data)) as stored:
        durations = []
        for frame in ImageSequence.Iterator(stored):
            frame.load()
            durations.append(frame.info["duration"])
        assert durations == [50, 150]
        assert stored.info["loop"] == 3


@pytest.mark.parametrize(
    "data",
    [b"not an image", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"GIF89a\x01\x00"],
)
def test_what_cannot_be_rewritten_is_refused(data):
    with pytest.raises(ImageMetadataError):
        strip_metadata(data)


def test_an_unreadable_file_is_not_stored_from_code(db):
    with pytest.raises(ImageMetadataError):
        CaseStudyImage.objects.create(
            title="Broken", file=ContentFile(gif_cut_short(), name="broken.gif")
        )
    assert not CaseStudyImage.objects.exists()


def test_a_file_held_by_the_multiple_uploader_is_stored_without_metadata(
    admin_client, root_collection
):
    """With an empty title the upload form is invalid: Wagtail holds the file as an
    UploadedFile until the editor completes the form, then makes the image from it."""
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("amina.jpg", jpeg_with_metadata()),
            "title": "",
            "collection": root_collection.pk,
        },
    )

    upload_id = response.json()["uploaded_file_id"]
    held = UploadedFile.objects.get(pk=upload_id)
    held_data = held.file.storage.open(held.file.name, "rb").read()
    for telltale in TELLTALES:
        assert telltale not in held_data, telltale
    assert not CaseStudyImage.objects.exists()

    response = admin_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
        {
            f"uploaded-image-{upload_id}-title": "Mentor at work",
            f"uploaded-image-{upload_id}-collection": root_collection.pk,
        },
    )

    assert response.json()["success"], response.json()
    assert not UploadedFile.objects.exists()
    assert not held.file.storage.exists(held.file.name)
    assert_clean_and_upright(CaseStudyImage.objects.get(), "JPEG")


def huge_png(size=(11000, 11000)):
    """121 million pixels in a few hundred kilobytes: it compresses to almost nothing."""
    data = io.BytesIO()
    Image.new("L", size).save(data, "PNG", optimize=True)
    return data.getvalue()


def test_a_picture_with_too_many_pixels_is_refused_with_a_form_error(admin_client, root_collection):
    data = huge_png()
    assert len(data) < 1_000_000

    response = upload(admin_client, root_collection, "huge.png", data)

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_too_large_to_decode_safely_is_refused_whatever_the_path(root_collection):
    with pytest.raises(ValidationError) as refused:
        image = get_image_model()(title="Huge", file=SimpleUploadedFile("huge.png", huge_png()))
        image.full_clean()

    assert "at most 25,000,000 are allowed" in str(refused.value)
    with pytest.raises(ImageTooLarge):  # 15 megapixels: fine as a JPEG, too many as a WebP
        strip_metadata(webp_picture((5000, 3000)))


def webp_picture(size):
    data = io.BytesIO()
    Image.new("RGB", size, RED).save(data, "WEBP", quality=80)
    return data.getvalue()
