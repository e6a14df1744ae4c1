//! Time limits on a connection that the protocol libraries above it do not set themselves.
//!
//! Every TCP connection to the web port is wrapped in [`Timed`] before TLS: it fails the
//! connection when the peer has not sent `min` bytes by a deadline (a routed gRPC connection
//! must send its HTTP/2 preface within the first-request timeout), and, once armed, when no byte
//! has moved either way for the idle timeout (HTTP and gRPC; SSH and PostgreSQL keep their
//! sessions by their own keep-alives and are never cut for quiet). A failure is an
//! `io::ErrorKind::TimedOut` read or write, which ends the connection in whichever library
//! holds it. Written here because tokio-io-timeout resets on reads only and cannot express
//! "this many bytes by then".

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// A stream with a first-bytes deadline and an idle timeout.
#[derive(Debug)]
pub struct Timed<S> {
    inner: S,
    /// Bytes read so far, up to `min` (counting stops there).
    read: usize,
    /// The peer must have sent this many bytes by `first_by`; 0 when there is no such rule.
    min: usize,
    first_by: Option<Instant>,
    /// Quiet time (no byte either way) that ends the connection; `None` while unarmed.
    idle: Option<Duration>,
    /// Fires at the earlier of the first-bytes deadline and the idle deadline.
    timer: Pin<Box<Sleep>>,
}

impl<S> Timed<S> {
    /// Wraps `inner` with no limits yet.
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            read: 0,
            min: 0,
            first_by: None,
            idle: None,
            timer: Box::pin(tokio::time::sleep_until(far_future())),
        }
    }

    /// The stream inside.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Requires the peer to send `min` bytes, counted from now (bytes read before any rule was
    /// set are not counted), within `within` from now.
    pub fn require_bytes(&mut self, min: usize, within: Duration) {
        self.min = min;
        if self.read < min {
            self.first_by = Some(Instant::now() + within);
        }
        self.rearm();
    }

    /// Ends the connection after `idle` without a byte either way.
    pub fn set_idle(&mut self, idle: Duration) {
        self.idle = Some(idle);
        self.rearm();
    }

    fn rearm(&mut self) {
        let idle_at = self.idle.map(|d| Instant::now() + d);
        let at = match (self.first_by, idle_at) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => far_future(),
        };
        self.timer.as_mut().reset(at);
    }

    /// Records progress; moves the idle deadline and drops the first-bytes one once met.
    fn moved(&mut self, read: usize) {
        if read > 0 && self.read < self.min {
            self.read = (self.read + read).min(self.min);
            if self.read >= self.min {
                self.first_by = None;
            }
        }
        if self.idle.is_some() || self.first_by.is_none() {
            self.rearm();
        }
    }

    /// `Err(TimedOut)` when the timer has fired (and registers the waker when it has not).
    fn check(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        if self.timer.as_mut().poll(cx).is_ready() {
            let what = if self.first_by.is_some_and(|at| at <= Instant::now()) {
                "the peer did not start in time"
            } else {
                "the connection was idle too long"
            };
            return Err(io::Error::new(io::ErrorKind::TimedOut, what));
        }
        Ok(())
    }
}

impl<S> Timed<S> {
    /// A write's outcome: progress moves the idle deadline; a write still waiting fails once
    /// the timer has fired.
    fn wrote(&mut self, cx: &mut Context<'_>, polled: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        match polled {
            Poll::Ready(Ok(n)) => {
                if self.idle.is_some() && n > 0 {
                    self.rearm();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => self.check(cx).map_or_else(|e| Poll::Ready(Err(e)), |()| Poll::Pending),
        }
    }
}

fn far_future() -> Instant {
    // About 30 years: "never" for a connection, and safe from overflow.
    Instant::now() + Duration::from_secs(86_400 * 365 * 30)
}

impl<S: AsyncRead + Unpin> AsyncRead for Timed<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                let n = buf.filled().len() - before;
                self.moved(n);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match self.check(cx) {
                Ok(()) => Poll::Pending,
                Err(e) => Poll::Ready(Err(e)),
            },
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Timed<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        self.wrote(cx, polled)
    }

    /// Forwarded, not left to the default (which writes the first buffer only): rustls sends
    /// a failed handshake's alert with one vectored write and does not try again, so a partial
    /// write lost the `no_application_protocol` alert behind the buffers before it.
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.wrote(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test(start_paused = true)]
    async fn a_peer_that_does_not_send_its_first_bytes_is_cut() {
        let (a, mut b) = tokio::io::duplex(64);
        let mut timed = Timed::new(a);
        timed.require_bytes(4, Duration::from_secs(2));
        b.write_all(b"ab").await.unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(timed.read(&mut buf).await.unwrap(), 2);
        let err = timed.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(err.to_string().contains("did not start"), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn enough_bytes_lift_the_deadline_and_quiet_is_then_allowed_until_armed() {
        let (a, mut b) = tokio::io::duplex(64);
        let mut timed = Timed::new(a);
        timed.require_bytes(4, Duration::from_secs(2));
        b.write_all(b"abcd").await.unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(timed.read(&mut buf).await.unwrap(), 4);
        // No idle limit: a long quiet read is still waiting after an hour.
        let quiet = tokio::time::timeout(Duration::from_secs(3600), timed.read(&mut buf)).await;
        assert!(quiet.is_err(), "still waiting, not cut");
    }

    #[tokio::test(start_paused = true)]
    async fn idle_is_measured_from_the_last_byte_either_way() {
        let (a, mut b) = tokio::io::duplex(64);
        let mut timed = Timed::new(a);
        timed.set_idle(Duration::from_secs(10));
        tokio::time::advance(Duration::from_secs(8)).await;
        timed.write_all(b"x").await.unwrap();
        let mut one = [0u8; 1];
        b.read_exact(&mut one).await.unwrap();
        let started = Instant::now();
        let mut buf = [0u8; 8];
        let err = timed.read(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(err.to_string().contains("idle"), "{err}");
        assert_eq!(
            Instant::now() - started,
            Duration::from_secs(10),
            "counted from the write"
        );
    }
}
