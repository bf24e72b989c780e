# Candor in a container: build the static binary with the Swift image, run it on Debian slim.
#   docker build -t registry.example/candor:latest .
#   docker run --rm -v "$PWD:/data" registry.example/candor:latest report /data/Samples --client acme-motors --out /data/reports
# The binary carries the Swift runtime, libcmark, zlib and its templates: the runtime image needs
# nothing but the C library.

FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcmark-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN Scripts/build-release --binary-only

FROM debian:bookworm-slim
COPY --from=build /src/dist/candor /usr/local/bin/candor
WORKDIR /data
ENTRYPOINT ["candor"]
