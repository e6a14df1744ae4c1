//! Reading a resource to change it without losing what this client does not know. prost drops
//! the fields a message of our subset leaves out; for `tctl edit` that would silently delete
//! settings a Teleport cluster holds. So the resource is fetched as raw bytes ([`RawCodec`]),
//! decoded, encoded again, and any field that did not survive is an error naming its path of
//! field numbers.
//!
//! Written here because no crate keeps unknown fields: prost discards them by design, and a
//! reflection crate (prost-reflect) would need the descriptors only to name what we refuse.

use std::marker::PhantomData;

use prost::Message;
use prost::bytes::{Buf, BufMut};
use tonic::Status;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};

use crate::error::{Error, Result};

/// A gRPC codec that encodes the request with prost and hands the answer over as raw bytes.
pub struct RawCodec<Req>(PhantomData<Req>);

impl<Req> Default for RawCodec<Req> {
    fn default() -> Self {
        Self(PhantomData)
    }
}

/// The request side of [`RawCodec`].
pub struct RawEncoder<Req>(PhantomData<Req>);

/// The answer side of [`RawCodec`].
pub struct RawDecoder;

impl<Req: Message + Send + 'static> Codec for RawCodec<Req> {
    type Encode = Req;
    type Decode = Vec<u8>;
    type Encoder = RawEncoder<Req>;
    type Decoder = RawDecoder;

    fn encoder(&mut self) -> Self::Encoder {
        RawEncoder(PhantomData)
    }

    fn decoder(&mut self) -> Self::Decoder {
        RawDecoder
    }
}

impl<Req: Message> Encoder for RawEncoder<Req> {
    type Item = Req;
    type Error = Status;

    fn encode(&mut self, item: Req, dst: &mut EncodeBuf<'_>) -> std::result::Result<(), Status> {
        item.encode(dst)
            .map_err(|e| Status::internal(format!("encoding the request: {e}")))
    }
}

impl Decoder for RawDecoder {
    type Item = Vec<u8>;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> std::result::Result<Option<Vec<u8>>, Status> {
        let mut out = Vec::with_capacity(src.remaining());
        out.put(src);
        Ok(Some(out))
    }
}

/// Decodes `raw` as `M` and fails, naming the first field that would be lost, when `M` does
/// not carry all of it. `what` names the resource in the error.
pub fn decode_complete<M: Message + Default>(raw: &[u8], what: &str) -> Result<M> {
    let msg = M::decode(raw).map_err(|e| Error::bad_parameter(format!("{what}: malformed answer: {e}")))?;
    let again = msg.encode_to_vec();
    if again != raw
        && let Some(path) = lost_field(raw, &again, &mut Vec::new())
    {
        return Err(Error::bad_parameter(format!(
            "{what} holds a setting this client does not know (field {path}); changing it here would drop it"
        ))
        .with_hint("change it with Teleport's own tctl"));
    }
    Ok(msg)
}

/// One field of a message: its number and its bytes (the value of a length-delimited field,
/// the whole encoding otherwise).
type Field<'a> = (u64, bool, &'a [u8]);

fn fields(mut data: &[u8]) -> Option<Vec<Field<'_>>> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let key = prost::encoding::decode_varint(&mut data).ok()?;
        let (number, wire_type) = (key >> 3, key & 7);
        let start = data;
        match wire_type {
            0 => {
                prost::encoding::decode_varint(&mut data).ok()?;
                out.push((number, false, &start[..start.len() - data.len()]));
            }
            1 | 5 => {
                let n = if wire_type == 1 { 8 } else { 4 };
                if data.len() < n {
                    return None;
                }
                out.push((number, false, &data[..n]));
                data = &data[n..];
            }
            2 => {
                let len = usize::try_from(prost::encoding::decode_varint(&mut data).ok()?).ok()?;
                if data.len() < len {
                    return None;
                }
                out.push((number, true, &data[..len]));
                data = &data[len..];
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The dotted field-number path of something in `raw` that `again` lacks.
fn lost_field(raw: &[u8], again: &[u8], path: &mut Vec<u64>) -> Option<String> {
    let theirs = fields(raw)?;
    let ours = fields(again)?;
    let show = |path: &[u64], n: u64| {
        path.iter()
            .chain(std::iter::once(&n))
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(".")
    };
    for (number, nested, bytes) in &theirs {
        if ours.iter().any(|(n, _, b)| n == number && b == bytes) {
            continue;
        }
        let same_number: Vec<&Field<'_>> = ours.iter().filter(|(n, _, _)| n == number).collect();
        if same_number.is_empty() {
            return Some(show(path, *number));
        }
        // The field is there with other bytes: something inside it was lost.
        if *nested {
            path.push(*number);
            for (_, _, mine) in &same_number {
                if let Some(found) = lost_field(bytes, mine, path) {
                    return Some(found);
                }
            }
            path.pop();
        }
        return Some(show(path, *number));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grpc::wire::types::RoleV6;

    #[test]
    fn a_field_this_subset_lacks_is_named_and_a_complete_message_passes() {
        let role = RoleV6 {
            kind: "role".into(),
            version: "v7".into(),
            ..Default::default()
        };
        let raw = role.encode_to_vec();
        assert_eq!(decode_complete::<RoleV6>(&raw, "role \"x\"").unwrap(), role);
        // Spec = 5 → Options = 1 → RecordSession = 15 {Default = 2 "best_effort"}, which our
        // RoleOptions leaves out.
        let mut with_more = raw.clone();
        let record = [0x12, 0x0b].iter().copied().chain(*b"best_effort").collect::<Vec<u8>>();
        let options = [vec![0x7a, record.len() as u8], record].concat();
        let spec = [vec![0x0a, options.len() as u8], options].concat();
        with_more.extend([vec![0x2a, spec.len() as u8], spec].concat());
        let err = decode_complete::<RoleV6>(&with_more, "role \"x\"").unwrap_err();
        assert_eq!(
            err.message(),
            "role \"x\" holds a setting this client does not know (field 5.1.15); changing it here would drop it"
        );
    }
}
