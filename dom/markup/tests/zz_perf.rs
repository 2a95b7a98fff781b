use kryon_markup::{load_str, render};
use std::path::Path;
use std::time::Instant;
#[test]
fn perf() {
    let dir = Path::new("/work/main/fuzz/corpus/parse");
    let mut worst = (0u128, String::new());
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let t = Instant::now();
        let l = load_str(Path::new("/nonexistent/app.kry"), &text);
        let parse = t.elapsed().as_micros();
        for d in l.diagnostics.as_slice() {
            let _ = render::render(&l.document.sources, d);
        }
        let total = t.elapsed().as_micros();
        if total > worst.0 {
            worst = (
                total,
                format!(
                    "{} parse={parse} total={total} len={} diags={}",
                    e.path().display(),
                    bytes.len(),
                    l.diagnostics.len()
                ),
            );
        }
    }
    println!("{}", worst.1);
    let big =
        std::fs::read_to_string("/work/shared/compat/kryon-examples/Testing/settings_panel.kry")
            .unwrap()
            .repeat(20);
    let t = Instant::now();
    let l = load_str(Path::new("/nonexistent/app.kry"), &big);
    println!(
        "big {} bytes: {:?} ({} diags)",
        big.len(),
        t.elapsed(),
        l.diagnostics.len()
    );
}
