//! Lesson images made fit for a phone when they are uploaded: wider than [`MAX_WIDTH`] pixels,
//! they are scaled down and encoded again (JPEG for photographs, PNG for pictures with
//! transparency), so a resident on a slow network never downloads a camera-sized picture.
use std::io::Cursor;

use image::{DynamicImage, GenericImageView, ImageFormat, imageops::FilterType};

/// Wide enough for a lesson column on a phone at twice its CSS pixels, and on a desktop.
pub const MAX_WIDTH: u32 = 960;
const JPEG_QUALITY: u8 = 82;

/// The image scaled down to [`MAX_WIDTH`], with its new media type; `None` when it is narrow
/// enough already, is a GIF (it may be animated), or cannot be read (kept as uploaded).
pub(crate) fn fit_for_phone(bytes: &[u8], content_type: &str) -> Option<(Vec<u8>, &'static str)> {
    let format = match content_type {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/png" => ImageFormat::Png,
        "image/webp" => ImageFormat::WebP,
        _ => return None,
    };
    let picture = image::load_from_memory_with_format(bytes, format).ok()?;
    let (width, height) = picture.dimensions();
    if width <= MAX_WIDTH {
        return None;
    }
    let new_height = ((u64::from(height) * u64::from(MAX_WIDTH)) / u64::from(width)).max(1) as u32;
    let smaller = picture.resize_exact(MAX_WIDTH, new_height, FilterType::Triangle);
    let encoded = encode(&smaller)?;
    // A re-encoded picture that came out larger than the original is not worth it.
    (encoded.0.len() < bytes.len()).then_some(encoded)
}

fn encode(picture: &DynamicImage) -> Option<(Vec<u8>, &'static str)> {
    let mut out = Cursor::new(Vec::new());
    if picture.color().has_alpha() {
        picture.write_to(&mut out, ImageFormat::Png).ok()?;
        return Some((out.into_inner(), "image/png"));
    }
    let rgb = picture.to_rgb8();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    rgb.write_with_encoder(encoder).ok()?;
    Some((out.into_inner(), "image/jpeg"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn png_of(picture: DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// A noisy photograph-like picture, so that PNG is much larger than JPEG.
    fn photo(width: u32, height: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
            Rgb([
                (x * 7 % 251) as u8,
                (y * 13 % 241) as u8,
                ((x ^ y) % 255) as u8,
            ])
        }))
    }

    #[test]
    fn a_wide_photograph_becomes_a_phone_sized_jpeg() {
        let original = png_of(photo(2000, 1000));
        let (smaller, kind) = fit_for_phone(&original, "image/png").expect("scaled down");
        assert_eq!(kind, "image/jpeg");
        let back = image::load_from_memory(&smaller).unwrap();
        assert_eq!(back.dimensions(), (MAX_WIDTH, 480));
        assert!(
            smaller.len() < original.len() / 4,
            "{} vs {}",
            smaller.len(),
            original.len()
        );
    }

    #[test]
    fn transparency_stays_png() {
        let logo = DynamicImage::ImageRgba8(RgbaImage::from_fn(1920, 200, |x, _| {
            Rgba([0, 0, 0, (x % 256) as u8])
        }));
        let (smaller, kind) = fit_for_phone(&png_of(logo), "image/png").expect("scaled down");
        assert_eq!(kind, "image/png");
        assert_eq!(
            image::load_from_memory(&smaller).unwrap().dimensions(),
            (MAX_WIDTH, 100)
        );
    }

    #[test]
    fn narrow_gif_and_unreadable_images_are_kept_as_they_are() {
        assert_eq!(fit_for_phone(&png_of(photo(800, 600)), "image/png"), None);
        assert_eq!(fit_for_phone(b"GIF89a...", "image/gif"), None);
        assert_eq!(fit_for_phone(b"\x89PNG broken", "image/png"), None);
    }
}
