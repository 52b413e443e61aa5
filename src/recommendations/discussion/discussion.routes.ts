/** The web's addresses of attachments and comments (the API's are under /api/v1). */
export const discussionRoutes = {
  attach: '/rekommendationer/:id/atgarder/:actionId/bilagor',
  comment: '/rekommendationer/:id/atgarder/:actionId/kommentarer',
  // Under the recommendation's own path: the API's global prefix leaves /rekommendationer alone, and the file must belong to it.
  file: '/rekommendationer/:id/bilagor/:fileId',
};

export const attachmentPath = (recommendationId: string, fileId: string): string =>
  discussionRoutes.file.replace(':id', encodeURIComponent(recommendationId)).replace(':fileId', encodeURIComponent(fileId));
