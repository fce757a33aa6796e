# syntax=docker/dockerfile:1
# One image per service, built from this repository: docker compose builds it once for each service, with the service's
# module as MODULE. Maven runs in the first stage (with a cache of ~/.m2 kept between builds), and only the executable
# jar reaches the second, a JRE with curl for the health checks.
ARG MODULE=ingest-api

FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "$MODULE" -am package -DskipTests \
    && cp "$MODULE"/target/"$MODULE"-*-exec.jar /app.jar

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app pipeline \
    && mkdir -p /app/images && chown pipeline /app/images
COPY --from=build /app.jar /app/app.jar
USER pipeline
WORKDIR /app
# The container's memory limit, not the host's, sizes the heap.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
