// Preload bridge. Empty until the typed LabApi contract exists (app issue): it will expose
// named functions built from that contract, never a generic invoke.
export {};
