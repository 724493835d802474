// Public entry of @smartserver-licensing/client.
export {};
