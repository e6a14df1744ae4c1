//! Kubernetes access: kubeconfig files (`config`).

pub mod config;
