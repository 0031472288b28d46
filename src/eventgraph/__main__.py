from eventgraph.cli import main

main()
