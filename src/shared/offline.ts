// What a client says when its workspace server stops answering: the same words in a desktop and in a browser.
export const offlineMessage = (server: string, why: string): string =>
  `Offline: the workspace server ${server} does not answer (${why}). Nothing on screen is current until it does.`;
