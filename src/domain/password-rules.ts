/** The shortest password an account may have; the web app's form checks it too, before sending. */
export const PASSWORD_MIN = 12;
