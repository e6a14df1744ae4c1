//! Kubernetes access: kubeconfig files (`config`) and the local proxy of `tsh proxy kube`
//! (`local_proxy`). The server side is the reference server's kube proxy.

pub mod config;
pub mod local_proxy;
