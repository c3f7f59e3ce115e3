# One image recipe for every Spring Boot module of OneNetwork.
#   docker build --build-arg MODULE=routing-service --build-arg PORT=8082 -t onenet/routing-service .
# docker-compose.yml builds identity (MODULE=platform/identity), request-intake-service, routing-service and gateway from it.

# ---- stage 1: build the module (and the platform modules it depends on) -----------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
# Whole repository minus .dockerignore (target/, data/, .git/ ...). Declared before ARG MODULE so
# this layer is shared by the images of all modules.
COPY . .
ARG MODULE
RUN test -n "${MODULE}" || { echo "build arg MODULE is required (e.g. --build-arg MODULE=gateway)" >&2; exit 1; }
RUN chmod +x mvnw \
 && ./mvnw -B -ntp -DskipTests -pl "${MODULE}" -am package \
 && cp "${MODULE}/target/$(basename "${MODULE}").jar" /workspace/app.jar

# ---- stage 2: runtime ---------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
ARG MODULE
ARG PORT=8080
LABEL org.opencontainers.image.title="onenet-${MODULE}" \
      org.opencontainers.image.description="OneNetwork ${MODULE}"

# curl is used by the compose healthchecks (GET /actuator/health). The Temurin images ship it;
# install it only if a future base image drops it.
RUN command -v curl >/dev/null 2>&1 \
 || { apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*; }

RUN groupadd --system --gid 10001 onenet \
 && useradd --system --uid 10001 --gid onenet --home-dir /app --no-create-home --shell /usr/sbin/nologin onenet \
 && mkdir -p /data/identity && chown -R onenet:onenet /data

WORKDIR /app
# Owned by root (mode 644): the service user can read the jar but not change it.
COPY --from=build /workspace/app.jar /app/app.jar

ENV JAVA_OPTS=""
EXPOSE ${PORT}
USER 10001:10001

# Shell form so $JAVA_OPTS is expanded; exec so java is PID 1 and receives SIGTERM (graceful
# shutdown: Kafka producers flush, consumers commit). Extra container args go to the application.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "app"]
