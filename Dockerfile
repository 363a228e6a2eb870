# The MCP server on stdio, with Debian's ffmpeg, fonts and PocketSphinx (speech-to-text of voice recordings). Run with:
#   docker run -i --rm -v "$HOME/video-letters:/data" video-letter-mcp
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core fonts-noto-cjk pocketsphinx pocketsphinx-en-us \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci
COPY src ./src
COPY assets ./assets
RUN npm run build && npm prune --omit=dev
ENV VIDEO_LETTER_HOME=/data VIDEO_LETTER_OUTPUT_DIR=/data/exports
VOLUME /data
ENTRYPOINT ["node", "dist/cli.js"]
