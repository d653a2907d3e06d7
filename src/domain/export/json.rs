//! A JSON tree that keeps every key of an object in file order, duplicates included.
//! `serde_json::Value` silently keeps the last of two equal keys, and a file that says
//! `"cloud"` twice is ambiguous: import must be able to say so. serde_json's own parser
//! still does the lexing, with its recursion limit (hostile nesting fails, never overflows).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Number {
    Unsigned(u64),
    Signed(i64),
    /// Fractions, exponents, and integers too large for 64 bits.
    Float(f64),
}

impl Json {
    /// The JSON type's name, as the file's author sees it (a finding parameter).
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "boolean",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(Number::Unsigned(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(Number::Signed(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(Number::Float(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Json>()?;
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(s)
    }

    #[test]
    fn keeps_order_and_duplicates() {
        let j = parse(r#"{"b": 1, "a": [true, null, -2, 1.5, "x"], "b": {}}"#).unwrap();
        let Json::Object(entries) = j else { panic!("not an object") };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(
            entries[1].1,
            Json::Array(vec![
                Json::Bool(true),
                Json::Null,
                Json::Number(Number::Signed(-2)),
                Json::Number(Number::Float(1.5)),
                Json::String("x".into()),
            ])
        );
    }

    #[test]
    fn hostile_input_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
        let deep_objects = "{\"a\":".repeat(50_000);
        assert!(parse(&deep_objects).is_err());
        assert!(parse("1e400").is_err());
        assert!(parse(r#""\x""#).is_err());
        assert!(parse(r#""\ud800""#).is_err());
        assert!(parse("\"a\0b\"").is_err(), "a raw control character is not JSON");
        assert_eq!(parse(r#""a\u0000b""#).unwrap(), Json::String("a\0b".into()));
        assert_eq!(
            parse("123456789012345678901234567890").unwrap(),
            Json::Number(Number::Float(1.2345678901234568e29))
        );
    }
}
