# The MCP server on stdio, with Debian's ffmpeg and PocketSphinx (speech-to-text of voice
# recordings). Build and run with:
#   docker build -t video-letter-mcp . && docker run -i --rm -v "$HOME/video-letters:/data" video-letter-mcp
#
# No container engine runs on the machines this project is developed and tested on (only the
# docker client is installed there), so this file is not built by CI. To keep it honest, its first
# stage runs .ci/run, the very script CI runs (same install command, same tests, same Debian
# packages), and the image is made only from a tree that passed it.
FROM node:20-bookworm-slim AS tested
WORKDIR /src
COPY . .
RUN bash .ci/run

FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg pocketsphinx pocketsphinx-en-us \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=tested /src/package.json /src/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=tested /src/dist ./dist
COPY --from=tested /src/assets ./assets
ENV VIDEO_LETTER_HOME=/data VIDEO_LETTER_OUTPUT_DIR=/data/exports
VOLUME /data
ENTRYPOINT ["node", "dist/cli.js"]
