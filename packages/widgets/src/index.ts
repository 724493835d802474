// Public entry of @smartserver-licensing/widgets.
export {};
