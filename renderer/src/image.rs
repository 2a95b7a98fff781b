//! An owned RGBA image (what headless renders return) and image comparison for golden tests.

/// Straight-alpha 8-bit sRGB RGBA pixels, rows top to bottom, no padding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height × 4` bytes.
    pub pixels: Vec<u8>,
}

/// How two images differ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageDiff {
    /// The largest difference of any channel of any pixel (0–255).
    pub max_channel_diff: u8,
    /// Pixels where some channel differs by more than the comparison's threshold.
    pub differing_pixels: usize,
    /// `differing_pixels` as a fraction of all pixels.
    pub differing_fraction: f64,
    /// Mean absolute channel difference over all channels.
    pub mean_abs_diff: f64,
}

impl RgbaImage {
    /// An image filled with one colour.
    pub fn filled(width: u32, height: u32, rgba: [u8; 4]) -> Self {
        let pixels = rgba
            .iter()
            .copied()
            .cycle()
            .take(width as usize * height as usize * 4)
            .collect();
        Self {
            width,
            height,
            pixels,
        }
    }

    /// The pixel at (x, y), or `None` outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        let p = self.pixels.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    /// Compares two images of the same size; a pixel "differs" when any channel differs by
    /// more than `threshold`. Returns `None` when the sizes differ.
    pub fn diff(&self, other: &RgbaImage, threshold: u8) -> Option<ImageDiff> {
        if self.width != other.width || self.height != other.height {
            return None;
        }
        let mut max = 0u8;
        let mut differing = 0usize;
        let mut sum = 0u64;
        for (a, b) in self
            .pixels
            .chunks_exact(4)
            .zip(other.pixels.chunks_exact(4))
        {
            let mut pixel_max = 0u8;
            for (ca, cb) in a.iter().zip(b) {
                let d = ca.abs_diff(*cb);
                sum += u64::from(d);
                pixel_max = pixel_max.max(d);
            }
            max = max.max(pixel_max);
            if pixel_max > threshold {
                differing += 1;
            }
        }
        let count = (self.width as usize * self.height as usize).max(1);
        Some(ImageDiff {
            max_channel_diff: max,
            differing_pixels: differing,
            differing_fraction: differing as f64 / count as f64,
            mean_abs_diff: sum as f64 / (count * 4) as f64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_counts_pixels_over_threshold() {
        let a = RgbaImage::filled(2, 2, [10, 10, 10, 255]);
        let mut b = a.clone();
        b.pixels[0] = 13;
        b.pixels[4] = 30;
        let d = a.diff(&b, 3).expect("same size");
        assert_eq!(d.max_channel_diff, 20);
        assert_eq!(d.differing_pixels, 1);
        assert!(a.diff(&RgbaImage::filled(1, 1, [0; 4]), 0).is_none());
        assert_eq!(a.pixel(1, 1), Some([10, 10, 10, 255]));
        assert_eq!(a.pixel(2, 0), None);
    }
}
