// Probe
