// Glyphs (from the atlases), images and layer composites: textured quads.
//
// One module, two fragment entry points: `fs_glyph` reads both atlases (R8 coverage and RGBA
// colour glyphs) and `fs_image` reads binding 1 only, so the image pipeline's bind group has
// just the image texture and a sampler.

@group(1) @binding(0) var t_alpha: texture_2d<f32>;
@group(1) @binding(1) var t_color: texture_2d<f32>;
@group(1) @binding(2) var t_sampler: sampler;

struct Instance {
    @location(0) xform: vec4f,
    @location(1) xform_t: vec4f,   // tx, ty, device px per unit, mode
    @location(2) rect: vec4f,
    @location(3) uv: vec4f,
    @location(4) tint: vec4f,
    @location(5) clip_dev: vec4f,
    @location(6) clip_rect: vec4f,
    @location(7) clip_radii: vec4f,
    @location(8) clip_inv: vec4f,
    @location(9) clip_inv_t: vec4f,
}

struct VOut {
    @builtin(position) pos: vec4f,
    @location(0) coords: vec4f,     // local xy, clip-local zw
    @location(1) uv: vec2f,
    // Device px per local unit, mode, device px per clip unit, general clip on.
    @location(2) @interpolate(flat) misc: vec4f,
    @location(3) @interpolate(flat) rect: vec4f,
    @location(4) @interpolate(flat) tint: vec4f,
    @location(5) @interpolate(flat) clip_dev: vec4f,
    @location(6) @interpolate(flat) clip_rect: vec4f,
    @location(7) @interpolate(flat) clip_radii: vec4f,
}

@vertex
fn vs_main(@builtin(vertex_index) vi: u32, inst: Instance) -> VOut {
    let mode = u32(inst.xform_t.w + 0.5);
    // Images get a one-pixel margin for their anti-aliased edges; glyph bitmaps carry a
    // transparent border in the atlas and layers are pixel-aligned, so they need none.
    var margin = vec2f(0.0);
    if mode == 2u {
        margin = vec2f(1.0 / max(length(inst.xform.xy), 1e-6), 1.0 / max(length(inst.xform.zw), 1e-6));
    }
    let local = mix(inst.rect.xy - margin, inst.rect.zw + margin, strip_corner(vi));
    let size = inst.rect.zw - inst.rect.xy;
    let t = (local - inst.rect.xy) / select(size, vec2f(1.0), size == vec2f(0.0));
    let dev = apply(inst.xform, inst.xform_t.xy, local);
    var out: VOut;
    out.pos = to_ndc(dev);
    out.coords = vec4f(local, apply(inst.clip_inv, inst.clip_inv_t.xy, dev));
    out.uv = mix(inst.uv.xy, inst.uv.zw, t);
    out.misc = vec4f(inst.xform_t.z, inst.xform_t.w, inst.clip_inv_t.z, inst.clip_inv_t.w);
    out.rect = inst.rect;
    out.tint = inst.tint;
    out.clip_dev = inst.clip_dev;
    out.clip_rect = inst.clip_rect;
    out.clip_radii = inst.clip_radii;
    return out;
}

fn clip_of(in: VOut) -> f32 {
    return clip_coverage(in.pos.xy, in.coords.zw, in.clip_dev, in.clip_rect, in.clip_radii, in.misc.zw);
}

@fragment
fn fs_glyph(in: VOut) -> @location(0) vec4f {
    // Sample both atlases in uniform control flow, then pick.
    let coverage_sample = textureSample(t_alpha, t_sampler, in.uv).r;
    let color_sample = textureSample(t_color, t_sampler, in.uv);
    var color: vec4f;
    if in.misc.y < 0.5 {
        color = premul(in.tint) * coverage_sample;
    } else {
        color = color_sample * in.tint.a;
    }
    return color * clip_of(in);
}

@fragment
fn fs_image(in: VOut) -> @location(0) vec4f {
    let texel = textureSample(t_color, t_sampler, in.uv);
    var edge = 1.0;
    if in.misc.y < 2.5 {
        edge = coverage(sd_rrect(in.coords.xy, in.rect, vec4f(0.0)), in.misc.x);
    }
    return texel * in.tint.a * edge * clip_of(in);
}
