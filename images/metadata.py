"""Rewrites image files so that they carry pixels and nothing else.

Photographs from phones and cameras carry EXIF (camera make and model, serial numbers, time,
GPS position), XMP and IPTC blocks (which can repeat the position, name a place or a person)
and comments. The people in these case studies may be at risk if identified, so every original
is rewritten before it is stored:

- JPEG (and MPO, which is stored as its first picture: a JPEG): decoded, turned upright by its
  EXIF orientation and encoded again at quality 95, keeping the chroma subsampling and
  progressive encoding of the source. Only the ICC colour profile is carried over.
- PNG and WebP: decoded, turned upright and encoded again (losslessly for PNG and for lossless
  WebP; at quality 95 for lossy WebP), keeping transparency and the ICC colour profile.
  Animations are encoded again frame by frame, keeping their timing and loop count.
- GIF: rewritten block by block without decoding (GIF has no EXIF, but may hold XMP in an
  application extension, and comments): only the image data, graphic control and looping
  extensions are kept, so the pixels and the animation stay exactly as they were.

The result is then opened again and checked: if any metadata is still found the image is
refused (``ImageMetadataError``) rather than stored.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin

JPEG_QUALITY = 95
WEBP_QUALITY = 95

# What the re-opened result may not carry: keys Pillow fills in from metadata blocks...
METADATA_INFO_KEYS = (
    "exif",
    "xmp",
    "XML:com.adobe.xmp",
    "Raw profile type exif",
    "Raw profile type iptc",
    "photoshop",
    "comment",
)
# ...and the signatures of those blocks, long enough never to turn up in pixel data by chance.
METADATA_SIGNATURES = (
    b"Exif\x00\x00",
    b"http://ns.adobe.com/xap/1.0/",
    b"<x:xmpmeta",
    b"<?xpacket",
    b"Photoshop 3.0\x00",
    b"XMP DataXMP",
)

GIF_KEPT_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")  # loop count only
WEBP_METADATA_CHUNKS = {b"EXIF", b"XMP "}

# What decoding and encoding again take at their peak, in bytes a pixel (measured with Pillow:
# WebP goes through an RGBA canvas and frame buffers), and the memory one upload may take.
# Beyond WAGTAILIMAGES_MAX_IMAGE_PIXELS, a picture that would need more is refused.
PEAK_BYTES_PER_PIXEL = {"WEBP": 18}
DEFAULT_PEAK_BYTES_PER_PIXEL = 8
MEMORY_BUDGET = 250 * 2**20


class ImageMetadataError(ValueError):
    """The file could not be rewritten without its metadata, so it must not be stored."""


class ImageTooLarge(ImageMetadataError):
    """The picture has more pixels than may be decoded (max_pixels)."""

    def __init__(self, pixels, allowed, image_format):
        super().__init__(f"{pixels:,} pixels; at most {allowed:,} for {image_format}")
        self.pixels = pixels
        self.allowed = allowed


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    format: str
    width: int
    height: int


def strip_metadata(data: bytes) -> CleanImage:
    """Return the image in ``data`` rewritten in the same format without any metadata, upright.

    Raises ``ImageMetadataError`` for anything that is not a JPEG, PNG, WebP or GIF image that
    Pillow can decode in full.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            # Only the header is read so far: refuse a huge picture before decoding it.
            if image.width * image.height > max_pixels(image.format):
                raise ImageTooLarge(
                    image.width * image.height, max_pixels(image.format), image.format
                )
            source_format = image.format
            frame_count = getattr(image, "n_frames", 1)
            if source_format == "GIF":
                clean = _rewrite_gif(data)
            elif source_format in ("JPEG", "MPO"):
                clean = _encode_jpeg(image)
            elif source_format in ("PNG", "WEBP") and frame_count > 1:
                clean = _encode_animation(image, data)
            elif source_format in ("PNG", "WEBP"):
                clean = _encode_still(image, data)
            else:
                raise ImageMetadataError(f"Unsupported image format: {source_format}")
        return _checked(clean, "JPEG" if source_format == "MPO" else source_format, frame_count)
    except ImageMetadataError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as error:
        raise ImageMetadataError(f"The image could not be read: {error}") from error


def max_pixels(image_format):
    """How many pixels a picture in this format may have."""
    bytes_per_pixel = PEAK_BYTES_PER_PIXEL.get(image_format, DEFAULT_PEAK_BYTES_PER_PIXEL)
    return min(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, MEMORY_BUDGET // bytes_per_pixel)


def _upright(image: Image.Image) -> Image.Image:
    """The pixels turned as the EXIF orientation says, with no info at all. In place: a
    second copy of a large picture would double the memory it takes."""
    ImageOps.exif_transpose(image, in_place=True)
    image.info = {}
    return image


def _encode_jpeg(image: Image.Image) -> bytes:
    options = {"quality": JPEG_QUALITY, "optimize": True}
    subsampling = JpegImagePlugin.get_sampling(image)
    if subsampling >= 0:
        options["subsampling"] = subsampling
    if image.info.get("progressive") or image.info.get("progression"):
        options["progressive"] = True
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    upright = _upright(image)
    output = io.BytesIO()
    upright.save(output, format="JPEG", comment=b"", **options)
    return output.getvalue()


def _encode_still(image: Image.Image, data: bytes) -> bytes:
    options = _format_options(image, data)
    if "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    upright = _upright(image)
    output = io.BytesIO()
    upright.save(output, format=image.format, **options)
    return output.getvalue()


def _encode_animation(image: Image.Image, data: bytes) -> bytes:
    """Every frame as Pillow composes it, with its own duration; orientation is not applied."""
    options = _format_options(image, data)
    loop = image.info.get("loop", 0)
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        frame.load()  # WebP sets a frame's duration when it is loaded
        durations.append(frame.info.get("duration", 0))
        clean_frame = frame.convert("RGBA")
        clean_frame.info = {}
        frames.append(clean_frame)
    output = io.BytesIO()
    frames[0].save(
        output,
        format=image.format,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=loop,
        **options,
    )
    return output.getvalue()


def _format_options(image: Image.Image, data: bytes) -> dict:
    options = {}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if image.format == "WEBP":
        if _webp_is_lossless(data):
            options.update(lossless=True, exact=True)
        else:
            options["quality"] = WEBP_QUALITY
    return options


def _webp_chunk_ids(data: bytes) -> set:
    """The kinds of chunk in a WebP file, animation frames' included."""
    chunk_ids = set()
    position = 12  # "RIFF", size, "WEBP"
    while position + 8 <= len(data):
        chunk_id = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        chunk_ids.add(chunk_id)
        if chunk_id == b"ANMF":  # an animation frame holds its own bitstream chunks
            position += 8 + 16
            continue
        position += 8 + size + (size & 1)
    return chunk_ids


def _webp_is_lossless(data: bytes) -> bool:
    """Whether the WebP file holds only lossless (VP8L) bitstreams, frames included."""
    chunk_ids = _webp_chunk_ids(data)
    return b"VP8L" in chunk_ids and b"VP8 " not in chunk_ids


def _rewrite_gif(data: bytes) -> bytes:
    """Copy the GIF's image blocks and drop comments and application data (XMP among them),
    plain text extensions and anything after the last image."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise ImageMetadataError("Not a GIF file")
    output = bytearray(data[:13])  # header and logical screen descriptor
    position = 13 + _colour_table_size(data[10])
    output += _take(data, 13, position)
    while True:
        block = data[position] if position < len(data) else 0x3B
        if block not in (0x2C, 0x21):  # the trailer, a missing one, or junk: end the file there
            output.append(0x3B)
            return bytes(output)
        if block == 0x2C:  # image descriptor, local colour table, LZW code size, image data
            start = position
            descriptor = _take(data, position, position + 10)
            position += 10 + _colour_table_size(descriptor[9]) + 1
            position = _skip_sub_blocks(data, position)
            output += data[start:position]
        elif block == 0x21:  # extension
            start = position
            label = _take(data, position + 1, position + 2)[0]
            position = _skip_sub_blocks(data, position + 2)
            if label == 0xF9 or (
                label == 0xFF and data[start + 3 : start + 14] in GIF_KEPT_APPLICATIONS
            ):
                output += data[start:position]


def _colour_table_size(flags: int) -> int:
    return 3 * (2 << (flags & 0x07)) if flags & 0x80 else 0


def _skip_sub_blocks(data: bytes, position: int) -> int:
    while True:
        size = _take(data, position, position + 1)[0]
        position += 1 + size
        if size == 0:
            return position


def _take(data: bytes, start: int, end: int) -> bytes:
    if end > len(data):
        raise ImageMetadataError("Truncated GIF file")
    return data[start:end]


def _checked(data: bytes, expected_format: str, frame_count: int) -> CleanImage:
    """Open the result again and refuse it if any metadata survived."""
    if any(signature in data for signature in METADATA_SIGNATURES):
        raise ImageMetadataError("Metadata survived the rewrite")
    if expected_format == "WEBP" and _webp_chunk_ids(data) & WEBP_METADATA_CHUNKS:
        raise ImageMetadataError("Metadata survived the rewrite")
    with Image.open(io.BytesIO(data)) as clean:
        width, height = clean.size
        if clean.format == "JPEG":
            # Decoded at an eighth of its size: enough to show it decodes, in 1/64 the memory.
            clean.draft(clean.mode, (width // 8, height // 8))
        if clean.format != "WEBP":  # its metadata are chunks, checked above; decoding is dear
            clean.load()
        if clean.format != expected_format:
            raise ImageMetadataError(f"Rewritten as {clean.format}, not {expected_format}")
        if expected_format == "GIF" and clean.n_frames != frame_count:
            raise ImageMetadataError("Frames were lost in the rewrite")
        leftovers = [key for key in METADATA_INFO_KEYS if clean.info.get(key)]
        if "extension" in clean.info and clean.info["extension"][0] not in GIF_KEPT_APPLICATIONS:
            leftovers.append("extension")
        if len(clean.getexif()) or leftovers or getattr(clean, "text", None):
            raise ImageMetadataError(f"Metadata survived the rewrite: {leftovers}")
    return CleanImage(data=data, format=expected_format, width=width, height=height)
