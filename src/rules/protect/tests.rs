use super::*;

fn profile() -> CaseProfile {
    CaseProfile::from_json(
        r#"{"schema": 1, "court": {"name": "United States District Court"},
            "parties": [
              {"id": "twitter", "name": "Twitter, Inc.", "role": "plaintiff", "kind": "organization"},
              {"id": "op", "name": "the operator of @ALT_USCIS", "role": "interested-party",
               "kind": "person",
               "protected": {"true_name": "Jordan Avery Quill", "email": "jq@example.org",
                             "phone": "+1 (415) 555-0100", "address": ["12 Elm St., Apt 4", ""],
                             "account_ids": ["ab", "7731-2290"]}}
            ]}"#,
        "test",
    )
    .unwrap()
}

fn lines(pages: &[&[&str]]) -> Vec<TextLine> {
    let mut out = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (l, text) in page.iter().enumerate() {
            out.push(TextLine::new(p + 1, l + 1, *text));
        }
    }
    out
}

fn places(leaks: &[Leak]) -> Vec<(&str, usize, usize)> {
    leaks
        .iter()
        .map(|l| (l.field.as_str(), l.page, l.line))
        .collect()
}

#[test]
fn finds_a_leak_in_different_case() {
    let text = lines(&[&["Caption", "signed by JORDAN avery quill today"]]);
    let leaks = protected_leaks(&text, &profile());
    assert_eq!(places(&leaks), [("parties[1].protected.true_name", 1, 2)]);
    assert_eq!(
        leaks[0].message,
        "the protected true name of the operator of @ALT_USCIS (parties[1].protected.true_name) appears on page 1, line 2"
    );
}

#[test]
fn finds_a_leak_split_across_a_line_with_a_hyphen() {
    for hyphen in ["-", "\u{00AD}", "\u{2010}", "\u{2011}", "\u{2013}"] {
        let first = format!("the operator, Jordan Avery Qu{hyphen}");
        let text = lines(&[&["x", &first, "ill, wrote"]]);
        let leaks = protected_leaks(&text, &profile());
        assert_eq!(
            places(&leaks),
            [("parties[1].protected.true_name", 1, 2)],
            "hyphen {hyphen:?}"
        );
    }
}

#[test]
fn finds_a_leak_split_across_a_page() {
    let text = lines(&[&["one", "as Jordan"], &["Avery Quill said"]]);
    let leaks = protected_leaks(&text, &profile());
    // The whole name starts on page 1; the surname alone also stands on page 2.
    assert_eq!(
        places(&leaks),
        [
            ("parties[1].protected.true_name", 1, 2),
            ("parties[1].protected.true_name", 2, 1)
        ]
    );
    assert!(
        leaks[1].message.contains("given or middle name alone")
            || leaks[1].message.contains("family name"),
        "{}",
        leaks[1].message
    );
}

#[test]
fn no_false_positive_on_longer_words_or_other_numbers() {
    let text = lines(&[&[
        "Jordanian Averyville filed; Quillport Corp. answered.",
        "Call (415) 555-0101 or write jq@example.com; 13 Elm Street Annex",
        "Smithfield and quilling are other words. Ref 7731.",
    ]]);
    let leaks = protected_leaks(&text, &profile());
    assert!(leaks.is_empty(), "{leaks:?}");
}

#[test]
fn name_forms_are_found() {
    for (text, form) in [
        ("Ms. Quill asked", "family name alone"),
        ("Quill, Jordan wrote", "family name first"),
        ("by J. Quill", "initials"),
        ("by J.A. Quill", "initials"),
        ("Jordan Quill wrote", "given and family"),
        ("Jordan wrote", "given or middle name"),
    ] {
        let leaks = protected_leaks(&lines(&[&[text]]), &profile());
        assert_eq!(leaks.len(), 1, "{text}: {leaks:?}");
        assert!(
            leaks[0].message.contains(form),
            "{text}: {}",
            leaks[0].message
        );
    }
}

#[test]
fn chosen_forms_only() {
    let mut p = profile();
    p.parties[1].protected.as_mut().unwrap().forms = Some(vec![MatchForm::Initials]);
    let g = Guard::new(&p);
    assert!(g.check_lines(&lines(&[&["Ms. Quill asked"]])).is_empty());
    assert_eq!(g.check_lines(&lines(&[&["by J. Quill"]])).len(), 1);
    assert_eq!(g.check_lines(&lines(&[&["Jordan Avery Quill"]])).len(), 1);
}

#[test]
fn phone_email_address_and_account_ids() {
    let text = lines(&[&[
        "reach them at 415.555.0100 or",
        "JQ@Example.org; 12 Elm",
        "Street. Account ending 312290.",
    ]]);
    let leaks = protected_leaks(&text, &profile());
    assert_eq!(
        places(&leaks),
        [
            ("parties[1].protected.email", 1, 2),
            ("parties[1].protected.phone", 1, 1),
            ("parties[1].protected.address[0]", 1, 2),
            ("parties[1].protected.account_ids[1]", 1, 3),
        ]
    );
    for l in &leaks {
        for secret in ["555", "example", "Elm", "7731", "Quill", "2290"] {
            assert!(!l.message.contains(secret), "{}", l.message);
            assert!(!format!("{l:?}").contains(secret));
            assert!(!l.to_string().contains(secret));
        }
    }
}

#[test]
fn short_values_are_ignored() {
    // account_ids[0] is "ab": too short to search for.
    let text = lines(&[&["ab ab ab"]]);
    assert!(protected_leaks(&text, &profile()).is_empty());
}

#[test]
fn a_designation_that_contains_the_value_is_not_repeated() {
    let mut p = profile();
    p.parties[1].name = "Mr. Quill".into();
    let text = lines(&[&["Jordan Avery Quill"]]);
    let leaks = protected_leaks(&text, &p);
    assert_eq!(leaks.len(), 1);
    assert!(!leaks[0].message.contains("Quill"), "{}", leaks[0].message);
    assert!(leaks[0].message.contains("the party at parties[1]"));
}

#[test]
fn typography_is_forgiven() {
    let mut p = profile();
    p.parties[1].protected.as_mut().unwrap().true_name = Some("Finn O'Shea".into());
    let text = lines(&[&["by \u{FB01}nn O\u{2019}She-", "a,"]]);
    assert_eq!(
        places(&protected_leaks(&text, &p)),
        [("parties[1].protected.true_name", 1, 1)]
    );
}

#[test]
fn reports_every_place_once() {
    let text = lines(&[
        &["Jordan Avery Quill and Jordan Avery Quill", "x"],
        &["jordan avery quill"],
    ]);
    let leaks = protected_leaks(&text, &profile());
    assert_eq!(
        places(&leaks),
        [
            ("parties[1].protected.true_name", 1, 1),
            ("parties[1].protected.true_name", 2, 1)
        ]
    );
}

#[test]
fn empty_input() {
    assert!(protected_leaks(&[], &profile()).is_empty());
}

#[test]
fn redacts_every_form() {
    let g = Guard::new(&profile());
    assert_eq!(
        g.redact("found [\"Jordan Avery Quill\", \"Ms. Quill\"] and jq@example.org"),
        "found [\"[redacted]\", \"Ms. [redacted]\"] and [redacted]"
    );
    assert_eq!(g.redact("nothing here"), "nothing here");
    assert_eq!(
        g.redact("J\u{200B}ordan\u{0301} Qu\u{0456}ll!"),
        "[redacted]!"
    );
}

#[test]
fn file_names_and_bytes() {
    let g = Guard::new(&profile());
    assert_eq!(g.check_name("notice-for-jordan_quill.pdf").len(), 1);
    assert!(g.check_name("notice.pdf").is_empty());
    let svg = b"<svg><text x='1'>Qu</text><text>ill&#39;s</text></svg>";
    let leaks = g.check_bytes(Output::Svg, svg);
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    assert_eq!(leaks[0].output, Output::Svg);
    let md = b"line one\n<!-- J&#111;rdan Avery Quill -->\n";
    let leaks = g.check_bytes(Output::Markdown, md);
    assert_eq!((leaks[0].output, leaks[0].line), (Output::Markdown, 2));
    let index = br#"[{"file": "x.pdf", "title": "Notice of Jordan Quill"}]"#;
    let leaks = g.check_bytes(Output::Index, index);
    assert!(
        leaks[0].message.contains("index.json ([0].title)"),
        "{}",
        leaks[0].message
    );
}
