// Public entry of @smartserver-licensing/entitlements.
export {};
