// Shared by quad.wgsl and sprite.wgsl (concatenated in front of them at pipeline creation).
//
// Conventions: rectangles are edges (x0, y0, x1, y1); radii are (top-left, top-right,
// bottom-right, bottom-left); colours leave the fragment shaders premultiplied, because the
// pipelines blend with (One, OneMinusSrcAlpha) on non-sRGB targets: blending happens on
// sRGB-encoded values, as in a browser.

struct Globals {
    // Target size in physical px.
    size: vec2f,
    pad: vec2f,
}

@group(0) @binding(0) var<uniform> globals: Globals;

// Applies a 2x3 affine stored as (sx, ky, kx, sy) + (tx, ty).
fn apply(m: vec4f, t: vec2f, p: vec2f) -> vec2f {
    return vec2f(m.x * p.x + m.z * p.y + t.x, m.y * p.x + m.w * p.y + t.y);
}

// Device px (y down) to clip space.
fn to_ndc(dev: vec2f) -> vec4f {
    return vec4f(dev.x / globals.size.x * 2.0 - 1.0, 1.0 - dev.y / globals.size.y * 2.0, 0.0, 1.0);
}

// The corner of a 4-vertex triangle strip: (0,0), (1,0), (0,1), (1,1).
fn strip_corner(vi: u32) -> vec2f {
    return vec2f(f32(vi & 1u), f32(vi >> 1u));
}

// Signed distance to a rounded rectangle (negative inside), per-corner radii.
fn sd_rrect(p: vec2f, r: vec4f, radii: vec4f) -> f32 {
    let half = max((r.zw - r.xy) * 0.5, vec2f(0.0));
    let q0 = p - (r.xy + r.zw) * 0.5;
    let bottom = q0.y >= 0.0;
    let rad = clamp(
        select(select(radii.x, radii.w, bottom), select(radii.y, radii.z, bottom), q0.x >= 0.0),
        0.0,
        min(half.x, half.y),
    );
    let q = abs(q0) - half + vec2f(rad);
    return min(max(q.x, q.y), 0.0) + length(max(q, vec2f(0.0))) - rad;
}

// Pixel coverage from a signed distance in local units and device px per local unit.
fn coverage(d: f32, scale: f32) -> f32 {
    return clamp(0.5 - d * scale, 0.0, 1.0);
}

// Clip coverage at a fragment: the device rectangle (analytic box coverage) times the general
// clip's rounded rectangle, evaluated at the fragment's clip-local position.
// `inv_t.z` is device px per clip unit and `inv_t.w` is 1 when the general clip is on.
fn clip_coverage(dev: vec2f, clip_pos: vec2f, clip_dev: vec4f, clip_rect: vec4f, clip_radii: vec4f, inv_t: vec2f) -> f32 {
    let cx = clamp(dev.x - clip_dev.x + 0.5, 0.0, 1.0) * clamp(clip_dev.z - dev.x + 0.5, 0.0, 1.0);
    let cy = clamp(dev.y - clip_dev.y + 0.5, 0.0, 1.0) * clamp(clip_dev.w - dev.y + 0.5, 0.0, 1.0);
    var c = cx * cy;
    if inv_t.y > 0.5 {
        c = c * coverage(sd_rrect(clip_pos, clip_rect, clip_radii), inv_t.x);
    }
    return c;
}

fn premul(c: vec4f) -> vec4f {
    return vec4f(c.rgb * c.a, c.a);
}
