use super::number::parse_decimal;
use super::*;

fn kinds(text: &str, mode: Mode) -> Vec<TokenKind> {
    tokenize(text, FileId(0), mode)
        .into_iter()
        .map(|t| t.kind)
        .collect()
}

fn codes(text: &str, mode: Mode) -> Vec<&'static str> {
    tokenize(text, FileId(0), mode)
        .into_iter()
        .flat_map(|t| t.diagnostics)
        .map(|d| d.code)
        .collect()
}

fn num(value: f64, unit: Option<Unit>) -> TokenKind {
    TokenKind::Number { value, unit }
}

fn ident(s: &str) -> TokenKind {
    TokenKind::Ident(s.into())
}

#[test]
fn comments_and_hash_depend_on_mode() {
    let text = "a // x\n/* b\n c */ #fff # note\n";
    assert_eq!(kinds(text, Mode::Normal), vec![ident("a"), TokenKind::Eof]);
    assert_eq!(
        kinds(text, Mode::Value),
        vec![
            ident("a"),
            TokenKind::Color([255, 255, 255, 255]),
            TokenKind::Eof
        ]
    );
    let tokens = tokenize(text, FileId(0), Mode::Value);
    assert!(tokens[1].newline_before);
    assert!(!tokens[0].newline_before);
}

#[test]
fn identifiers_join_dashes_and_directives_are_known() {
    assert_eq!(
        kinds("space-between a- -b @for @func", Mode::Normal),
        vec![
            ident("space-between"),
            ident("a"),
            TokenKind::Minus,
            TokenKind::Minus,
            ident("b"),
            TokenKind::Directive(Directive::For),
            TokenKind::Directive(Directive::Function),
            TokenKind::Eof,
        ]
    );
    assert_eq!(codes("@bogus", Mode::Normal), vec!["K0005"]);
    assert_eq!(codes("^", Mode::Normal), vec!["K0002"]);
}

#[test]
fn numbers_units_and_signs() {
    assert_eq!(
        kinds(
            "10px 50% 1.5em 2rem 30vw 45deg 0.5turn 200ms 1s .5",
            Mode::Value
        ),
        vec![
            num(10.0, Some(Unit::Px)),
            num(50.0, Some(Unit::Percent)),
            num(1.5, Some(Unit::Em)),
            num(2.0, Some(Unit::Rem)),
            num(30.0, Some(Unit::Vw)),
            num(45.0, Some(Unit::Deg)),
            num(0.5, Some(Unit::Turn)),
            num(200.0, Some(Unit::Ms)),
            num(1.0, Some(Unit::S)),
            num(0.5, None),
            TokenKind::Eof,
        ]
    );
    // `20 -10` is two atoms, `5-3` and `$a - 1` are subtractions.
    assert_eq!(
        kinds("20 -10", Mode::Value),
        vec![num(20.0, None), num(-10.0, None), TokenKind::Eof]
    );
    assert_eq!(
        kinds("5-3", Mode::Value),
        vec![
            num(5.0, None),
            TokenKind::Minus,
            num(3.0, None),
            TokenKind::Eof
        ]
    );
    assert_eq!(
        kinds("$a - 1 $a-b", Mode::Value),
        vec![
            TokenKind::Var("a".into()),
            TokenKind::Minus,
            num(1.0, None),
            TokenKind::Var("a-b".into()),
            TokenKind::Eof
        ]
    );
    assert_eq!(
        codes("10pt 1.2.3 3x", Mode::Value),
        vec!["K0003", "K0003", "K0003"]
    );
}

#[test]
fn colours_need_3_4_6_or_8_hex_digits() {
    assert_eq!(
        kinds("#abc #abcd #112233 #11223344", Mode::Value),
        vec![
            TokenKind::Color([0xaa, 0xbb, 0xcc, 255]),
            TokenKind::Color([0xaa, 0xbb, 0xcc, 0xdd]),
            TokenKind::Color([0x11, 0x22, 0x33, 255]),
            TokenKind::Color([0x11, 0x22, 0x33, 0x44]),
            TokenKind::Eof,
        ]
    );
    assert_eq!(codes("#12345 #1g2", Mode::Value), vec!["K0004", "K0004"]);
}

#[test]
fn punctuation_and_operators() {
    assert_eq!(
        kinds(
            "&: && || == != <= >= < > ! ? = ${ ; , . * / %",
            Mode::Normal
        ),
        vec![
            TokenKind::AmpColon,
            TokenKind::AndAnd,
            TokenKind::OrOr,
            TokenKind::EqEq,
            TokenKind::NotEq,
            TokenKind::Le,
            TokenKind::Ge,
            TokenKind::Lt,
            TokenKind::Gt,
            TokenKind::Bang,
            TokenKind::Question,
            TokenKind::Assign,
            TokenKind::DollarBrace,
            TokenKind::Semi,
            TokenKind::Comma,
            TokenKind::Dot,
            TokenKind::Star,
            TokenKind::Slash,
            TokenKind::Percent,
            TokenKind::Eof,
        ]
    );
}

fn string(text: &str) -> (Vec<StrPiece>, Vec<&'static str>) {
    let token = token_at(text, FileId(0), 0, Mode::Value);
    let codes = token.diagnostics.iter().map(|d| d.code).collect();
    match token.kind {
        TokenKind::Str(pieces) => (pieces.into_pieces(), codes),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn string_escapes() {
    let (pieces, codes) = string(r#""a\nb\t\"\\ \$x \q \u{1F600}""#);
    assert_eq!(pieces, vec![StrPiece::Text("a\nb\t\"\\ $x \\q 😀".into())]);
    assert!(codes.is_empty());
    // `"a\\nb"` is a backslash then `n`.
    let (pieces, _) = string(r#""a\\nb""#);
    assert_eq!(pieces, vec![StrPiece::Text("a\\nb".into())]);
}

#[test]
fn string_interpolation_pieces() {
    let text = r#""$9.99 [$i] ${user.name}!""#;
    let (pieces, _) = string(text);
    let braced = text.find("user").unwrap();
    assert_eq!(pieces.len(), 5);
    assert_eq!(pieces[0], StrPiece::Text("$9.99 [".into()));
    assert!(matches!(&pieces[1], StrPiece::Var(name, span) if name == "i" && span.start == 8));
    assert_eq!(pieces[2], StrPiece::Text("] ".into()));
    assert!(
        matches!(pieces[3], StrPiece::Braced { start, end, .. } if start == braced && end == braced + 9)
    );
    assert_eq!(pieces[4], StrPiece::Text("!".into()));
}

#[test]
fn legacy_braces_warn() {
    let (pieces, codes) = string(r#""Hi {{name}}""#);
    assert_eq!(codes, vec!["K0007"]);
    assert!(matches!(
        pieces[1],
        StrPiece::Braced {
            start: 6,
            end: 10,
            ..
        }
    ));
}

#[test]
fn unterminated_string_stops_at_line_end() {
    let tokens = tokenize("\"abc\nx", FileId(0), Mode::Value);
    assert_eq!(tokens[0].diagnostics[0].code, "K0001");
    assert_eq!(tokens[0].span.end, 4);
    assert_eq!(tokens[1].kind, ident("x"));
}

#[test]
fn unterminated_block_comment() {
    assert_eq!(codes("a /* never", Mode::Normal), vec!["K0006"]);
}

#[test]
fn decimal_fast_path_matches_str_parse() {
    let samples = [
        "0",
        "-0",
        "0.0",
        "-0.0",
        "1",
        "6",
        "12.5",
        "0.1",
        ".5",
        "-.5",
        "3.14159",
        "-2.75",
        "999999999999999",
        "0.000000000000001",
        "123456789.012345",
        "1234567890123456",
        "9007199254740993",
        "0.30000000000000004",
        "1.",
        "-",
        "",
    ];
    for text in samples {
        let expected: f64 = text.parse().unwrap_or(0.0);
        let got = parse_decimal(text);
        assert_eq!(got.to_bits(), expected.to_bits(), "{text}");
    }
    for i in 0..20_000u32 {
        let text = format!("{}.{:03}", i / 7, i % 1000);
        assert_eq!(
            parse_decimal(&text).to_bits(),
            text.parse::<f64>().unwrap().to_bits()
        );
    }
}
