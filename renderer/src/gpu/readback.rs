//! Reading the headless target back into an [`RgbaImage`].

use crate::{RenderError, RgbaImage};

/// A mappable buffer, cached across frames of the same size.
#[derive(Default)]
pub(crate) struct Readback {
    buffer: Option<(wgpu::Buffer, u64)>,
}

/// Bytes per row of a copy: rows of a texture-to-buffer copy must be 256-byte aligned.
fn padded_row(width: u32) -> u32 {
    let unpadded = width * 4;
    unpadded.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT
}

impl Readback {
    /// Records the copy of `texture` into the readback buffer.
    pub fn record(
        &mut self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        texture: &wgpu::Texture,
    ) {
        let (width, height) = (texture.width(), texture.height());
        let row = padded_row(width);
        let size = u64::from(row) * u64::from(height);
        if self.buffer.as_ref().is_none_or(|(_, s)| *s < size) {
            let buffer = device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("kryon readback"),
                size,
                usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
                mapped_at_creation: false,
            });
            self.buffer = Some((buffer, size));
        }
        let Some((buffer, _)) = &self.buffer else {
            return;
        };
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(row),
                    rows_per_image: Some(height),
                },
            },
            texture.size(),
        );
    }

    /// Waits for the copy and returns the pixels, un-premultiplied (the renderer works in
    /// premultiplied alpha; [`RgbaImage`] is straight).
    pub fn read(
        &mut self,
        device: &wgpu::Device,
        width: u32,
        height: u32,
    ) -> Result<RgbaImage, RenderError> {
        let Some((buffer, _)) = &self.buffer else {
            return Err(RenderError::Readback("nothing was copied".into()));
        };
        let row = padded_row(width);
        let len = u64::from(row) * u64::from(height);
        let (tx, rx) = std::sync::mpsc::channel();
        buffer.map_async(wgpu::MapMode::Read, 0..len, move |result| {
            // The receiver only goes away if `read` returned early, when nobody listens.
            let _ = tx.send(result);
        });
        device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| RenderError::Readback(e.to_string()))?;
        rx.recv()
            .map_err(|e| RenderError::Readback(e.to_string()))?
            .map_err(|e| RenderError::Readback(e.to_string()))?;
        let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
        {
            let view = buffer
                .get_mapped_range(0..len)
                .map_err(|e| RenderError::Readback(e.to_string()))?;
            for line in view.chunks_exact(row as usize) {
                pixels.extend_from_slice(&line[..width as usize * 4]);
            }
        }
        buffer.unmap();
        unpremultiply(&mut pixels);
        Ok(RgbaImage {
            width,
            height,
            pixels,
        })
    }
}

/// Premultiplied RGBA8 to straight, rounding to nearest.
pub(crate) fn unpremultiply(pixels: &mut [u8]) {
    for px in pixels.chunks_exact_mut(4) {
        let a = u32::from(px[3]);
        if a == 0 {
            px[..3].fill(0);
        } else if a < 255 {
            for c in &mut px[..3] {
                *c = ((u32::from(*c) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_aligned_and_alpha_undone() {
        assert_eq!(padded_row(1), 256);
        assert_eq!(padded_row(64), 256);
        assert_eq!(padded_row(65), 512);
        let mut px = [64, 32, 0, 128, 9, 9, 9, 0, 1, 2, 3, 255];
        unpremultiply(&mut px);
        assert_eq!(px, [128, 64, 0, 128, 0, 0, 0, 0, 1, 2, 3, 255]);
    }
}
