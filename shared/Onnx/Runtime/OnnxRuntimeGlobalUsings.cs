// The official ONNX Runtime sources use reflection attributes without importing System.Reflection (their own
// project file adds it); this is the one line they need to compile here (ADR 0003).
global using System.Reflection;
