# One image per service, e.g.:
#   docker build --build-arg SERVICE=router --build-arg ASSEMBLY=Dapr.AiProvider.Router -t dapr-aiprovider/router .
#   (quota: Dapr.AiProvider.Quota; provider-adapters: Dapr.AiProvider.ProviderAdapters)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN dotnet publish services/${SERVICE} -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ASSEMBLY
ENV APP_DLL=${ASSEMBLY}.dll
WORKDIR /app
COPY --from=build /app .
USER 10001
ENTRYPOINT ["sh", "-c", "exec dotnet \"$APP_DLL\""]
