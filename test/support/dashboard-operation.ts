/** What a dashboard asks on opening: an operation reaching four subgraphs through the gateway. */
export const DASHBOARD = /* GraphQL */ `
  query Dashboard {
    threatLevel { level meaning since }
    emergencyContacts { name phoneNumber }
    agency(slug: "mi5") {
      name
      partners { slug name }
      news(first: 5) { title publishedAt publicationDate mentions { slug } }
    }
  }
`;
