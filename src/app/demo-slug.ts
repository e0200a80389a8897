/** The demo tenant's slug, in a file of its own so both the demo seed and the chat wiring can name it. */
export const DEMO_SLUG = 'demo';
