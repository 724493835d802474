// Public entry of @smartserver-licensing/policy.
export {};
