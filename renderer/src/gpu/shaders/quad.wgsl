// Rectangles, borders and box shadows: one instanced pipeline, one quad per instance, the
// shape evaluated per fragment as a signed distance (analytic anti-aliasing).

struct Instance {
    @location(0) xform: vec4f,
    @location(1) xform_t: vec4f,   // tx, ty, device px per unit, kind + 16 × unexpanded edges
    @location(2) bounds: vec4f,
    @location(3) rect: vec4f,
    @location(4) radii: vec4f,
    @location(5) aux_rect: vec4f,
    @location(6) aux_radii: vec4f,
    @location(7) params: vec4f,     // border widths (t, r, b, l) | shadow (sigma, no hole)
    @location(8) colors: vec4u,
    @location(9) clip_dev: vec4f,
    @location(10) clip_rect: vec4f,
    @location(11) clip_radii: vec4f,
    @location(12) clip_inv: vec4f,
    @location(13) clip_inv_t: vec4f,
}

struct VOut {
    @builtin(position) pos: vec4f,
    // Local position (xy) and clip-local position (zw): affine in device space, so they
    // interpolate exactly.
    @location(0) coords: vec4f,
    // Device px per local unit, kind, device px per clip unit, general clip on.
    @location(1) @interpolate(flat) misc: vec4f,
    @location(2) @interpolate(flat) rect: vec4f,
    @location(3) @interpolate(flat) radii: vec4f,
    @location(4) @interpolate(flat) aux_rect: vec4f,
    @location(5) @interpolate(flat) aux_radii: vec4f,
    @location(6) @interpolate(flat) params: vec4f,
    @location(7) @interpolate(flat) colors: vec4u,
    @location(8) @interpolate(flat) clip_dev: vec4f,
    @location(9) @interpolate(flat) clip_rect: vec4f,
    @location(10) @interpolate(flat) clip_radii: vec4f,
}

@vertex
fn vs_main(@builtin(vertex_index) vi: u32, inst: Instance) -> VOut {
    // Grow the quad by one device pixel for the anti-aliased edge, on every side except those
    // the tag's high bits name (left 1, top 2, right 4, bottom 8): the bands a border is split
    // into meet there and must not overlap.
    let tag = u32(inst.xform_t.w + 0.5);
    let keep = tag >> 4u;
    let col_x = max(length(inst.xform.xy), 1e-6);
    let col_y = max(length(inst.xform.zw), 1e-6);
    let margin = vec2f(1.0 / col_x, 1.0 / col_y);
    let m0 = margin * vec2f(select(1.0, 0.0, (keep & 1u) != 0u), select(1.0, 0.0, (keep & 2u) != 0u));
    let m1 = margin * vec2f(select(1.0, 0.0, (keep & 4u) != 0u), select(1.0, 0.0, (keep & 8u) != 0u));
    let local = mix(inst.bounds.xy - m0, inst.bounds.zw + m1, strip_corner(vi));
    let dev = apply(inst.xform, inst.xform_t.xy, local);
    let clip_pos = apply(inst.clip_inv, inst.clip_inv_t.xy, dev);
    var out: VOut;
    out.pos = to_ndc(dev);
    out.coords = vec4f(local, clip_pos);
    out.misc = vec4f(inst.xform_t.z, f32(tag & 15u), inst.clip_inv_t.z, inst.clip_inv_t.w);
    out.rect = inst.rect;
    out.radii = inst.radii;
    out.aux_rect = inst.aux_rect;
    out.aux_radii = inst.aux_radii;
    out.params = inst.params;
    out.colors = inst.colors;
    out.clip_dev = inst.clip_dev;
    out.clip_rect = inst.clip_rect;
    out.clip_radii = inst.clip_radii;
    return out;
}

// Border colour at p: each corner is split between its two sides along the line from the
// outer corner to the inner corner (as browsers do), with a one-pixel blend across it.
// widths = (top, right, bottom, left).
fn border_color(p: vec2f, r: vec4f, widths: vec4f, colors: vec4u, scale: f32) -> vec4f {
    let top = p.y < (r.y + r.w) * 0.5;
    let left = p.x < (r.x + r.z) * 0.5;
    let hw = select(widths.z, widths.x, top);
    let vw = select(widths.y, widths.w, left);
    let hc = premul(unpack4x8unorm(select(colors.z, colors.x, top)));
    let vc = premul(unpack4x8unorm(select(colors.y, colors.w, left)));
    let dx = abs(p.x - select(r.z, r.x, left));
    let dy = abs(p.y - select(r.w, r.y, top));
    // Signed distance to the split line, positive on the horizontal side's part.
    let s = (dx * hw - dy * vw) / max(length(vec2f(hw, vw)), 1e-6);
    return mix(vc, hc, clamp(0.5 + s * scale, 0.0, 1.0));
}

fn erf2(x: vec2f) -> vec2f {
    let s = sign(x);
    let a = abs(x);
    var y = 1.0 + (0.278393 + (0.230389 + 0.078108 * (a * a)) * a) * a;
    y = y * y;
    return s - s / (y * y);
}

fn gaussian(x: f32, sigma: f32) -> f32 {
    return exp(-(x * x) / (2.0 * sigma * sigma)) / (2.5066283 * sigma);
}

// The blurred box along x at height y: the Gaussian integrated analytically over the row of
// the rounded box.
fn shadow_row(x: f32, y: f32, sigma: f32, corner: f32, half: vec2f) -> f32 {
    let delta = min(half.y - corner - abs(y), 0.0);
    let curved = half.x - corner + sqrt(max(0.0, corner * corner - delta * delta));
    let integral = 0.5 + 0.5 * erf2((x + vec2f(-curved, curved)) * (0.70710678 / sigma));
    return integral.y - integral.x;
}

// A rounded box convolved with a Gaussian (Evan Wallace, "Fast Rounded Rectangle Shadows"):
// exact along x, a few samples along y. Per-corner radii: the radius of p's quadrant.
fn shadow_mask(p: vec2f, r: vec4f, radii: vec4f, sigma: f32, samples: i32) -> f32 {
    let half = max((r.zw - r.xy) * 0.5, vec2f(0.0));
    let q = p - (r.xy + r.zw) * 0.5;
    let bottom = q.y >= 0.0;
    let corner = clamp(
        select(select(radii.x, radii.w, bottom), select(radii.y, radii.z, bottom), q.x >= 0.0),
        0.0,
        min(half.x, half.y),
    );
    let low = q.y - half.y;
    let high = q.y + half.y;
    let start = clamp(-3.0 * sigma, low, high);
    let end = clamp(3.0 * sigma, low, high);
    let step = (end - start) / f32(max(samples, 1));
    var y = start + step * 0.5;
    var value = 0.0;
    for (var i = 0; i < samples; i = i + 1) {
        value = value + shadow_row(q.x, q.y - y, sigma, corner, half) * gaussian(y, sigma) * step;
        y = y + step;
    }
    return clamp(value, 0.0, 1.0);
}

// Branch-free on purpose: a software rasterizer (llvmpipe) executes both sides of every
// branch under a lane mask, so one straight-line formula for every kind is the cheapest shape:
// coverage = A × B, where
//   fill:         A = shape,               B = 1
//   border:       A = outer,               B = 1 − inner
//   outer shadow: A = blurred shape,       B = 1 − border box
//   inset shadow: A = 1 − blurred hole,    B = padding box
// and the colour is the border colour split, which fills and shadows (four equal colours)
// pass through unchanged.
@fragment
fn fs_main(in: VOut) -> @location(0) vec4f {
    let p = in.coords.xy;
    let scale = in.misc.x;
    let kind = u32(in.misc.y + 0.5);
    let c1 = coverage(sd_rrect(p, in.rect, in.radii), scale);
    let c2 = coverage(sd_rrect(p, in.aux_rect, in.aux_radii), scale);
    let sigma = in.params.x;
    let inset = kind == 3u;
    // The blur loop's trip count comes from the instance, not a constant: only a bound that
    // is zero in every lane lets llvmpipe skip the loop for non-shadow quads.
    let samples = select(0, 8, kind >= 2u && sigma * scale >= 0.1);
    let blurred = shadow_mask(p, in.rect, in.radii, max(sigma, 1e-3), samples);
    var m = select(c1, blurred, samples > 0);
    // An inset shadow whose hole vanished (spread larger than the box) covers it all.
    m = select(m, 0.0, inset && in.params.y > 0.5);
    let a = select(m, 1.0 - m, inset);
    let b = select(select(1.0 - c2, c2, inset), 1.0, kind == 0u);
    let color = border_color(p, in.rect, in.params, in.colors, scale);
    let clip = clip_coverage(in.pos.xy, in.coords.zw, in.clip_dev, in.clip_rect, in.clip_radii, in.misc.zw);
    return color * (a * b * clip);
}
